package io.switchboard.sip.core.internal.call;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.core.internal.events.EventPoster;

/** A call's events' properties ({@link SipEvents}): who, which way, through which trunks, how it ended. */
final class CallEventProperties {

    private CallEventProperties() {
    }

    static Map<String, Object> of(Call call) {
        Map<String, Object> p = new HashMap<>();
        p.put(SipEvents.CALL_ID, call.id);
        p.put(SipEvents.A_CALL_ID, call.aCallId());
        put(p, SipEvents.B_CALL_ID, call.bCallId);
        put(p, SipEvents.CALLER, call.caller);
        put(p, SipEvents.CALLEE, call.callee);
        put(p, SipEvents.CALLER_NAME, call.callerName());
        if (call.originated()) {
            p.put(SipEvents.ORIGINATED, Boolean.TRUE);
        }
        put(p, SipEvents.CALLER_COMPANY, call.callerCompany());
        put(p, SipEvents.CALLER_LINK, call.callerLink());
        put(p, SipEvents.CALLER_USER, call.trunkIn == null ? call.caller : null);
        put(p, SipEvents.CALLEE_USER, call.calleeUser);
        put(p, SipEvents.PICKED_UP_FROM, call.pickedUpFrom);
        put(p, SipEvents.SENT, call.sent());
        p.put(SipEvents.DIRECTION, call.direction.name());
        put(p, SipEvents.TRUNK_IN, call.trunkIn);
        put(p, SipEvents.TRUNK_OUT, call.trunkOut == null ? null : call.trunkOut.name());
        if (call.disposition != null) {
            p.put(SipEvents.DISPOSITION, call.disposition.name());
        }
        if (call.sipCode > 0) {
            p.put(SipEvents.SIP_CODE, call.sipCode);
        }
        if (call.emergency != null && !call.emergency.test()) {
            p.put(SipEvents.EMERGENCY, call.emergency.dialled());
            var l = call.location;
            put(p, SipEvents.EMERGENCY_LOCATION, l == null ? null : call.tag(EventPoster.EMERGENCY_ADDRESS_TAG));
            put(p, SipEvents.EMERGENCY_LOCATION_NAME, l == null || l.location() == null ? null : l.location().name());
            put(p, SipEvents.EMERGENCY_LOCATED_BY, call.tag("emergencyLocatedBy"));
            put(p, SipEvents.EMERGENCY_CALLBACK, call.tag("emergencyCallback"));
        }
        return p;
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
