package io.switchboard.sip.core.internal.events;


import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.SipEvents;

/**
 * Posts the call, registration and trunk events of {@link SipEvents} on Event Admin, when there is one
 * with a handler to deliver to. Posting is asynchronous, so a SIP thread never waits for a subscriber.
 */
public final class EventPoster {

    /** The call record's tag with the address sent with an emergency call, on one line. */
    public static final String EMERGENCY_ADDRESS_TAG = "emergencyAddress";

    private final Supplier<EventAdmin> eventAdmin;

    public EventPoster(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** An event about a call (its properties read under the caller's hold of the call). */
    public void post(String topic, Subject subject) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(topic, subject.eventProperties()));
        }
    }

    /** What an event is about, as Event Admin properties: the events package knows no call's insides. */
    public interface Subject {
        Map<String, Object> eventProperties();
    }

    /** A trunk went up or down. */
    public void trunk(String name, boolean up, long rttMillis) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            Map<String, Object> p = new HashMap<>();
            p.put(SipEvents.TRUNK, name);
            if (up && rttMillis >= 0) {
                p.put(SipEvents.TRUNK_RTT_MILLIS, rttMillis);
            }
            admin.postEvent(new Event(up ? SipEvents.TRUNK_UP : SipEvents.TRUNK_DOWN, p));
        }
    }

    /**
     * A contact of a user was bound (expires above 0) or removed.
     *
     * @param contact the contact URI, or "*" for all of the user's
     * @param source where the REGISTER came from, or null when an admin removed it
     */
    public void registration(String user, String contact, String source, int expires) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            Map<String, Object> p = new HashMap<>();
            p.put(SipEvents.USER, user);
            p.put(SipEvents.CONTACT, contact);
            put(p, SipEvents.SOURCE, source);
            if (expires > 0) {
                p.put(SipEvents.EXPIRES, expires);
            }
            admin.postEvent(new Event(expires > 0 ? SipEvents.REGISTERED : SipEvents.UNREGISTERED, p));
        }
    }

    /**
     * A lockout began or, when {@code ended} says why, ended.
     */
    public void lockout(Lockout lockout, String ended) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            Map<String, Object> p = new HashMap<>();
            p.put(SipEvents.LOCKOUT_KIND, lockout.kind());
            p.put(SipEvents.LOCKOUT_KEY, lockout.key());
            p.put(SipEvents.LOCKOUT_REASON, ended == null ? lockout.reason() : ended);
            if (ended == null) {
                p.put(SipEvents.LOCKOUT_UNTIL, lockout.until().toEpochMilli());
            }
            admin.postEvent(new Event(ended == null ? SipEvents.LOCKED : SipEvents.UNLOCKED, p));
        }
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
