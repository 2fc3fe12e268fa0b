package io.switchboard.subscription.sip.internal;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.ResourceLists;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.sip.handler.api.RequestHandler;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.store.api.Store;

/**
 * Subscriptions over SIP while the switch listens: serves SUBSCRIBE and PUBLISH, sends the NOTIFYs
 * of the event packages plugins serve, tells a phone that registers what its packages say unasked,
 * ends what expired, and offers {@link Subscriptions} to the packages and the API.
 */
@Component(immediate = true)
public final class SipSubscriptions {

    static final String CHANGELOG = "db/io.switchboard.subscription.sip.changelog.xml";
    private static final SubscribeService.Limits LIMITS = new SubscribeService.Limits(60, 3600, 3600);

    private final List<EventPackage> packages = new CopyOnWriteArrayList<>();
    private final List<ResourceLists> lists = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final List<ServiceRegistration<?>> offered = new CopyOnWriteArrayList<>();
    private final Runnable registrations;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEventPackage(EventPackage p) {
        packages.add(p);
    }

    void removeEventPackage(EventPackage p) {
        packages.remove(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResourceLists(ResourceLists l) {
        lists.add(l);
    }

    void removeResourceLists(ResourceLists l) {
        lists.remove(l);
    }

    @Activate
    public SipSubscriptions(BundleContext context, @Reference SwitchFacilities sip, @Reference RoutingService routing,
            @Reference Store store) {
        store.migrate(context.getBundle(), CHANGELOG);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-subscriptions");
            t.setDaemon(true);
            return t;
        });
        SubscribeService subscriptions = new SubscribeService(sip, routing, () -> packages, () -> lists,
                store.dataSource(), timer, LIMITS);
        PublishService publications = new PublishService(sip, () -> packages, store.dataSource(),
                subscriptions::changed, LIMITS);
        subscriptions.publications(publications::published);
        registrations = sip.onRegistered(subscriptions::registered);
        timer.scheduleWithFixedDelay(publications::expire, 7, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(subscriptions::expire, 5, 5, TimeUnit.SECONDS);
        offered.add(context.registerService(RequestHandler.class, subscriptions, method(Request.SUBSCRIBE)));
        offered.add(context.registerService(RequestHandler.class, publications, method(Request.PUBLISH)));
        offered.add(context.registerService(Subscriptions.class, subscriptions, null));
    }

    private static Hashtable<String, Object> method(String method) {
        return new Hashtable<>(Map.of(RequestHandler.METHOD, method));
    }

    @Deactivate
    void deactivate() {
        registrations.run();
        offered.forEach(ServiceRegistration::unregister);
        timer.shutdownNow();
    }
}
