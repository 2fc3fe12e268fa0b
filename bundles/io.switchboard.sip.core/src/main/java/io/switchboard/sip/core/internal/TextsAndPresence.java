package io.switchboard.sip.core.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.sip.core.internal.call.CallContext;
import io.switchboard.sip.core.internal.call.LegAddresses;
import io.switchboard.sip.core.internal.message.MessageRelay;
import io.switchboard.sip.core.internal.message.PhoneMessages;
import io.switchboard.sip.core.internal.message.TrunkMessages;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.RegisterService;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.routing.RoutingEngine;
import io.switchboard.sip.core.internal.subscribe.PublishService;
import io.switchboard.sip.core.internal.subscribe.SubscribeService;
import io.switchboard.sip.core.internal.trunk.Trunks;

/**
 * MESSAGE, SUBSCRIBE and PUBLISH wired together: text messages to phones and trunks, subscriptions
 * to the event packages plugins serve and the states phones publish, and the two services other
 * bundles use ({@link MessageDelivery}, {@link Subscriptions}).
 */
final class TextsAndPresence {

    private static final SubscribeService.Limits LIMITS = new SubscribeService.Limits(60, 3600, 3600);
    final MessageRelay texts;
    final SubscribeService subscriptions;
    final PublishService publications;
    private ServiceRegistration<MessageDelivery> delivery;
    private ServiceRegistration<Subscriptions> subscriptionService;
    private final SipStore store;
    private boolean stopped;

    /** The switch's parts the services use. */
    record Parts(Authenticator auth, Trunks trunks, TrunkService trunkTable, RoutingEngine routing, SipPlugins plugins,
            RequestPipeline pipeline, SipStore store, LegAddresses legs, PushWake push) {
    }

    /**
     * @param ownNumber a user's own number as it goes out to a trunk (E.164 where it has one)
     */
    TextsAndPresence(Parts p, CallContext.Sip sip, UnaryOperator<String> ownNumber) {
        texts = new MessageRelay(p.auth(), p.trunks(), p.routing(), p.plugins()::messageStore, p.pipeline()::send,
                sip.messages(), new PhoneMessages(p.store(), p.legs(), sip.providers(), sip.messages(), sip.headers(),
                        sip.addresses(), p.push()),
                new TrunkMessages(p.trunks(), p.trunkTable(), p.legs(), sip.providers(), sip.messages(), sip.headers(),
                        sip.addresses()),
                ownNumber::apply);
        subscriptions = new SubscribeService(p.auth(), p.routing(), p.plugins()::eventPackages,
                p.plugins()::resourceLists, p.store().dataSource(), p.pipeline()::send, sip.providers(), p.legs(),
                sip.messages(), sip.headers(), sip.addresses(), LIMITS);
        publications = new PublishService(p.auth(), p.plugins()::eventPackages, p.store().dataSource(),
                subscriptions::changed, p.pipeline()::send, sip.messages(), sip.headers(), LIMITS);
        subscriptions.publications(publications::published);
        store = p.store();
    }

    /** Follows registrations, expires subscriptions and publications, and offers the two services. */
    void start(RegisterService registrations, ScheduledExecutorService timer, BundleContext context) {
        subscriptions.phones(user -> store.bindings(user, Instant.now()), timer);
        registrations.onRegistered(subscriptions::registered);
        timer.scheduleWithFixedDelay(publications::expire, 7, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(subscriptions::expire, 5, 5, TimeUnit.SECONDS);
        delivery = context.registerService(MessageDelivery.class, texts, null);
        // offered once the switch is active: the packages that need it bind back to it at once
        timer.execute(() -> offer(context));
    }

    private synchronized void offer(BundleContext context) {
        if (!stopped) {
            subscriptionService = context.registerService(Subscriptions.class, subscriptions, null);
        }
    }

    void stop() {
        if (delivery != null) {
            delivery.unregister();
        }
        synchronized (this) {
            stopped = true;
            if (subscriptionService != null) {
                subscriptionService.unregister();
            }
        }
    }
}
