package io.switchboard.messaging.sip.internal;

import java.util.Hashtable;
import java.util.Map;

import javax.sip.message.Request;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.routing.RoutingEngine;
import io.switchboard.sip.handler.api.RequestHandler;
import io.switchboard.sip.handler.api.SwitchFacilities;

/**
 * Text messages over SIP: serves MESSAGE for the switch while it listens, and delivers the
 * messages the store kept ({@link MessageDelivery}) to the phones of their user.
 */
@Component(immediate = true)
public final class SipMessaging {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MessageStore store;

    private final ServiceRegistration<?> handler;

    @Activate
    public SipMessaging(BundleContext context, @Reference SwitchFacilities sip, @Reference RoutingService routing,
            @Reference TrunkService trunks, @Reference RoutingEngine policies) {
        // a message out through a trunk counts as a call would against the sender's per-minute limit
        MessageRelay relay = new MessageRelay(sip, routing, () -> store, new PhoneMessages(sip),
                new TrunkMessages(sip, trunks), user -> policies.policyOf(user).callsPerMinute());
        handler = context.registerService(new String[] { RequestHandler.class.getName(),
                MessageDelivery.class.getName() }, relay, new Hashtable<>(Map.of(RequestHandler.METHOD,
                        Request.MESSAGE)));
    }

    @Deactivate
    void deactivate() {
        handler.unregister();
    }
}
