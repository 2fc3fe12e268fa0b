package io.switchboard.parking.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.parking.api.ParkingEvents;

/**
 * Who hears of a parked call: Event Admin (lamps, webhooks, the console), and the phones of whoever parked it, told
 * the slot in a text message, since a blind transfer ends their call before anything could be said to them.
 */
@Component(service = ParkNews.class)
public class ParkNews {

    private static final Logger LOG = System.getLogger(ParkNews.class.getName());
    /** Who the parker's text comes from. */
    static final String SENDER = "parking";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MessageDelivery delivery;

    void parked(Parked p) {
        Map<String, Object> props = properties(p);
        if (p.parkedBy != null) {
            props.put(ParkingEvents.PARKED_BY, p.parkedBy);
            tell(p.parkedBy, "Parked on " + p.slot + ": " + p.who() + ". Dial " + p.slot
                    + " from any phone to take the call.");
        }
        post(ParkingEvents.PARKED, props);
    }

    void left(Parked p, String outcome, String by) {
        Map<String, Object> props = properties(p);
        props.put(ParkingEvents.OUTCOME, outcome);
        if (by != null) {
            props.put(ParkingEvents.BY, by);
        }
        post(ParkingEvents.LEFT, props);
    }

    private static Map<String, Object> properties(Parked p) {
        Map<String, Object> props = new HashMap<>();
        props.put(ParkingEvents.SLOT, p.slot);
        props.put(ParkingEvents.CALL_ID, p.callId);
        props.put(ParkingEvents.CALLER, p.caller);
        return props;
    }

    private void tell(String user, String text) {
        MessageDelivery d = delivery;
        if (d == null) {
            return;
        }
        TextMessage m = new TextMessage(0, SENDER, "Parking", user, null, "text/plain",
                text.getBytes(StandardCharsets.UTF_8), Instant.now(), MessageState.STORED, null, null);
        d.deliver(m).whenComplete((status, failure) -> {
            if (failure != null || status == null || status >= 300) {
                LOG.log(Level.INFO, "No phone of " + user + " took the parking slot's text: "
                        + (failure != null ? failure.getMessage() : status));
            }
        });
    }

    private void post(String topic, Map<String, Object> props) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, props));
        }
    }
}
