package io.switchboard.conference.core.internal;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.sip.api.subscription.Subscriptions;

/**
 * What the rooms tell others: Event Admin events of who joined, left or could not be reached, and the
 * rosters' subscribers (RFC 4575), told off the audio and SIP threads. The services may come and go.
 */
final class RoomNews {

    private final Supplier<EventAdmin> events;
    private final Supplier<Subscriptions> subscriptions;
    private final Executor worker;

    RoomNews(Supplier<EventAdmin> events, Supplier<Subscriptions> subscriptions, Executor worker) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.worker = worker;
    }

    /** A participant joined or left: the event, and the roster changed. */
    void member(String topic, Member m) {
        post(topic, Map.of("room", m.number(), "callId", m.callId, "caller", m.caller));
        rosterChanged(m.number());
    }

    void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = events.get();
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    void rosterChanged(String number) {
        Subscriptions s = subscriptions.get();
        if (s != null) {
            worker.execute(() -> s.changed(RosterPackage.EVENT, number));
        }
    }
}
