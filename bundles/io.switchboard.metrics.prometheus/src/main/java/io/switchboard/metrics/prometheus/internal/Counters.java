package io.switchboard.metrics.prometheus.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrListener;
import io.switchboard.sip.api.SipEvents;

/**
 * Counts what the switch and the CDR service report, since the server started: calls started and
 * ended, final responses by code, registrations, lockouts, trunk changes, records stored.
 * Prometheus takes rates from the counters itself.
 */
@Component(service = { Counters.class, EventHandler.class, CdrListener.class }, property = {
        "event.topics=" + SipEvents.CALL_STARTED, "event.topics=" + SipEvents.CALL_ENDED,
        "event.topics=" + SipEvents.REGISTERED, "event.topics=" + SipEvents.LOCKED,
        "event.topics=" + SipEvents.TRUNK_TOPIC_PREFIX + "*" })
public class Counters implements EventHandler, CdrListener {

    final Map<String, LongAdder> started = new ConcurrentHashMap<>();
    final Map<String, LongAdder> ended = new ConcurrentHashMap<>();
    final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
    final Map<String, LongAdder> trunkChanges = new ConcurrentHashMap<>();
    final LongAdder registrations = new LongAdder();
    final LongAdder lockouts = new LongAdder();
    final LongAdder recordsStored = new LongAdder();

    @Override
    public void handleEvent(Event e) {
        switch (e.getTopic()) {
            case SipEvents.CALL_STARTED -> count(started, lower(e.getProperty(SipEvents.DIRECTION)));
            case SipEvents.CALL_ENDED -> {
                count(ended, lower(e.getProperty(SipEvents.DISPOSITION)));
                count(responses, String.valueOf(e.getProperty(SipEvents.SIP_CODE)));
            }
            case SipEvents.REGISTERED -> registrations.increment();
            case SipEvents.LOCKED -> lockouts.increment();
            case SipEvents.TRUNK_UP, SipEvents.TRUNK_DOWN -> count(trunkChanges, e.getProperty(SipEvents.TRUNK) + "\u0000"
                    + (e.getTopic().equals(SipEvents.TRUNK_UP) ? "up" : "down"));
            default -> {
                // subscribed to nothing else
            }
        }
    }

    @Override
    public void stored(List<CallRecord> records) {
        recordsStored.add(records.size());
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String lower(Object value) {
        return value == null ? "unknown" : value.toString().toLowerCase(Locale.ROOT);
    }
}
