package io.switchboard.alert.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.event.Event;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;

/**
 * The number inventory's rules: a port-in whose firm order commitment date passed without the number
 * becoming active, and a quarantined number that keeps getting calls (someone still gives it out).
 * Calls refused from trunks are counted per dialled number over the last day. Called under
 * {@link EventRules}'s lock.
 */
final class InventoryRules {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Tracker tracker;
    private final Supplier<NumberService> inventory;
    private final Supplier<NumberNormalization> normalization;
    private final Map<String, ArrayDeque<Long>> refused = new HashMap<>();

    InventoryRules(Tracker tracker, Supplier<NumberService> inventory,
            Supplier<NumberNormalization> normalization) {
        this.tracker = tracker;
        this.inventory = inventory;
        this.normalization = normalization;
    }

    /** A call ended: one from a trunk that found its number not in service is counted. */
    void callEnded(Event e, Instant now) {
        Object code = e.getProperty(SipEvents.SIP_CODE);
        Object callee = e.getProperty(SipEvents.CALLEE);
        if (e.getProperty(SipEvents.TRUNK_IN) != null && callee != null && Integer.valueOf(404).equals(code)) {
            ArrayDeque<Long> q = refused.computeIfAbsent(e164(callee.toString()), k -> new ArrayDeque<>());
            if (q.size() < 100_000) {
                q.addLast(now.toEpochMilli());
            }
        }
    }

    /**
     * @param overdue the enabled porting-overdue rules
     * @param quarantined the enabled quarantine-calls rules
     * @param now the clock's time (injected by tests)
     */
    void tick(List<AlertRule> overdue, List<AlertRule> quarantined, Instant now) {
        long since = now.toEpochMilli() - DAY_MILLIS;
        refused.values().forEach(q -> {
            while (!q.isEmpty() && q.peekFirst() < since) {
                q.removeFirst();
            }
        });
        refused.values().removeIf(ArrayDeque::isEmpty);
        NumberService numbers = inventory.get();
        if (numbers == null || overdue.isEmpty() && quarantined.isEmpty()) {
            return;
        }
        List<PhoneNumber> all = numbers.numbers();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (AlertRule r : overdue) {
            Set<String> subjects = new HashSet<>(tracker.firing(r.name()));
            for (PhoneNumber n : all) {
                var l = n.lifecycle();
                if (l.state() == NumberState.PORTING_IN && l.portDate() != null && l.portDate().isBefore(today)) {
                    subjects.remove(n.number());
                    tracker.observe(r, n.number(), true, null, null, "Number " + n.number() + " was to port in on "
                            + l.portDate() + (l.carrier() == null ? "" : " from " + l.carrier())
                            + " and is still not active", now);
                }
            }
            for (String number : subjects) {
                tracker.observe(r, number, false, null, null, "Number " + number + " is no longer waiting to port in",
                        now);
            }
        }
        for (AlertRule r : quarantined) {
            Set<String> subjects = new HashSet<>(tracker.firing(r.name()));
            for (PhoneNumber n : all) {
                if (n.lifecycle().state() != NumberState.QUARANTINED) {
                    continue;
                }
                int calls = calls(n.number());
                boolean firing = calls > r.threshold();
                subjects.remove(n.number());
                tracker.observe(r, n.number(), firing, (double) calls, r.threshold(), "Quarantined number " + n.number()
                        + " got " + calls + " calls in the last 24 hours" + (firing ? ", more than "
                                + (long) r.threshold() + ": its old callers still use it" : ""), now);
            }
            for (String number : subjects) {
                tracker.observe(r, number, false, null, null, "Number " + number + " is no longer quarantined", now);
            }
        }
    }

    /** @return the dialled number in E.164 (the carrier may send it national), or as dialled when it has none */
    private String e164(String dialled) {
        var n = normalization.get();
        if (n == null || dialled.startsWith("+")) {
            return dialled;
        }
        try {
            return n.normalize(dialled, null).e164();
        } catch (IllegalArgumentException notANumber) {
            return dialled;
        }
    }

    /** @return calls refused in the last day to the number */
    private int calls(String e164) {
        return Optional.ofNullable(refused.get(e164)).map(ArrayDeque::size).orElse(0);
    }
}
