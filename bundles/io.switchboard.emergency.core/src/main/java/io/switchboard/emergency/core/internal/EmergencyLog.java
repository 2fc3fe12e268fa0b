package io.switchboard.emergency.core.internal;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.emergency.api.EmergencyCall;
import io.switchboard.emergency.api.EmergencyCalls;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.store.api.Store;

/**
 * The log of emergency calls, kept from the switch's call events: each emergency call from its dial
 * to its end, with who called, the callback number and the address sent. Test calls are logged by
 * the test service itself.
 */
@Component(service = { EmergencyCalls.class, EmergencyLog.class, EventHandler.class },
        property = { EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_TOPIC_PREFIX + "*",
                // Event Admin delivers only emergency calls' events: every other call's would cost a hand-off
                EventConstants.EVENT_FILTER + "=(" + SipEvents.EMERGENCY + "=*)" })
public class EmergencyLog implements EmergencyCalls, EventHandler {

    private final CallLogTable table;

    @Activate
    public EmergencyLog(@Reference EmergencyService service, @Reference Store store) {
        // the service made the tables: its reference orders the two components
        this.table = new CallLogTable(store.dataSource());
    }

    @Override
    public List<EmergencyCall> latest(int limit) {
        return table.latest(limit, false);
    }

    @Override
    public List<EmergencyCall> active() {
        return table.latest(100, true);
    }

    /** A test call, answered by the switch itself. */
    void test(EmergencyCall call) {
        table.started(call);
    }

    void testEnded(String callId) {
        table.ended(callId, false, Instant.now());
    }

    @Override
    public void handleEvent(Event e) {
        Object dialled = e.getProperty(SipEvents.EMERGENCY);
        if (dialled == null) {
            return;
        }
        String callId = String.valueOf(e.getProperty(SipEvents.CALL_ID));
        String trunk = (String) e.getProperty(SipEvents.TRUNK_OUT);
        Instant now = Instant.now();
        switch (e.getTopic().substring(SipEvents.CALL_TOPIC_PREFIX.length())) {
            case "STARTED" -> table.started(new EmergencyCall(callId, now, null, null,
                    (String) e.getProperty(SipEvents.CALLER_USER), (String) e.getProperty(SipEvents.EMERGENCY_CALLBACK),
                    dialled.toString(), false, (String) e.getProperty(SipEvents.EMERGENCY_LOCATION_NAME),
                    (String) e.getProperty(SipEvents.EMERGENCY_LOCATION),
                    (String) e.getProperty(SipEvents.EMERGENCY_LOCATED_BY), trunk, "ringing"));
            case "ANSWERED" -> table.answered(callId, trunk, now);
            case "ENDED" -> table.ended(callId, !"ANSWERED".equals(e.getProperty(SipEvents.DISPOSITION)), now);
            default -> {
                // ringing, picked up: nothing to log
            }
        }
    }
}
