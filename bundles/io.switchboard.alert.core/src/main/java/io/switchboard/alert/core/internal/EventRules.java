package io.switchboard.alert.core.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.event.Event;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.queue.api.Queues;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.testcall.api.TestCallEvents;

/**
 * The built-in kinds, fed by the softswitch's events: trunks down, registrations and lockouts a
 * minute, and each account's calls a minute to international or premium numbers; and by the test
 * calls' results. Counts are
 * kept per second over the last minute. Thread-safe: events come on Event Admin's thread, ticks
 * on the alert service's.
 */
final class EventRules {

    private final Tracker tracker;
    private final Supplier<NumberNormalization> numbers;
    private final Map<String, String> trunksDown = new HashMap<>();
    private final long[] registrationSecond = new long[60];
    private final int[] registrations = new int[60];
    private final Map<String, ArrayDeque<Long>> costlyCalls = new HashMap<>();
    private final InventoryRules inventory;
    private final QueueRules queues;
    /** Each test-call subject (its trunk, else its schedule) and its failures in a row */
    private final Map<String, Integer> testCallFailures = new HashMap<>();

    EventRules(Tracker tracker, Supplier<NumberNormalization> numbers, Supplier<NumberService> inventory,
            Supplier<Queues> queues) {
        this.tracker = tracker;
        this.numbers = numbers;
        this.inventory = new InventoryRules(tracker, inventory, numbers);
        this.queues = new QueueRules(tracker, queues);
    }

    synchronized void event(Event e, List<AlertRule> rules, Instant now) {
        String topic = e.getTopic();
        if (topic.equals(SipEvents.TRUNK_DOWN) || topic.equals(SipEvents.TRUNK_UP)) {
            String trunk = String.valueOf(e.getProperty(SipEvents.TRUNK));
            boolean down = topic.equals(SipEvents.TRUNK_DOWN);
            if (down) {
                trunksDown.put(trunk, "Trunk " + trunk + " is down: it stopped answering its probes or refused the "
                        + "connection");
            } else {
                trunksDown.remove(trunk);
            }
            for (AlertRule r : of(rules, RuleKind.TRUNK_DOWN)) {
                tracker.observe(r, trunk, down, null, null, down ? trunksDown.get(trunk) : "Trunk " + trunk
                        + " is up again", now);
            }
        } else if (e.getProperty(SipEvents.EMERGENCY) != null
                && (topic.equals(SipEvents.CALL_STARTED) || topic.equals(SipEvents.CALL_ENDED))) {
            emergency(e, rules, now);
        } else if (topic.equals(SipEvents.CALL_ENDED)) {
            inventory.callEnded(e, now);
        } else if (topic.equals(TestCallEvents.FAILED) || topic.equals(TestCallEvents.PASSED)) {
            testCall(e, rules, now);
        } else if (topic.equals(SipEvents.REGISTERED) || topic.equals(SipEvents.LOCKED)) {
            long second = now.getEpochSecond();
            int slot = (int) Math.floorMod(second, 60L);
            if (registrationSecond[slot] != second) {
                registrationSecond[slot] = second;
                registrations[slot] = 0;
            }
            registrations[slot]++;
        } else if (topic.equals(SipEvents.CALL_STARTED) && e.getProperty(SipEvents.TRUNK_OUT) != null
                && e.getProperty(SipEvents.TRUNK_IN) == null && costly(sent(e))) {
            costlyCalls.computeIfAbsent(String.valueOf(e.getProperty(SipEvents.CALLER)), k -> new ArrayDeque<>())
                    .addLast(now.toEpochMilli());
        }
    }

    /**
     * An emergency call started or ended: on-site staff hear of it at once, from every notifier, with
     * who called, from where (the address sent) and the callback number; it resolves as the call ends.
     */
    private void emergency(Event e, List<AlertRule> rules, Instant now) {
        boolean started = e.getTopic().equals(SipEvents.CALL_STARTED);
        Object user = e.getProperty(SipEvents.CALLER_USER);
        Object address = e.getProperty(SipEvents.EMERGENCY_LOCATION);
        String subject = String.valueOf(e.getProperty(SipEvents.CALL_ID));
        String message = started
                ? "Emergency call to " + e.getProperty(SipEvents.EMERGENCY) + " from " + user + " (callback "
                        + e.getProperty(SipEvents.EMERGENCY_CALLBACK) + ") at " + now + ": " + (address != null
                                ? "location sent: " + address : "NO dispatchable location was sent ("
                                        + e.getProperty(SipEvents.EMERGENCY_LOCATED_BY) + ")")
                : "Emergency call to " + e.getProperty(SipEvents.EMERGENCY) + " from " + user + " ended ("
                        + e.getProperty(SipEvents.DISPOSITION) + ")";
        for (AlertRule r : of(rules, RuleKind.EMERGENCY_CALL)) {
            tracker.observe(r, subject, started, null, null, message, now);
        }
    }

    /** A test call failed or passed: its trunk fails its test calls from the threshold's failure in a row on. */
    private void testCall(Event e, List<AlertRule> rules, Instant now) {
        Object trunk = e.getProperty(TestCallEvents.TRUNK);
        String schedule = String.valueOf(e.getProperty(TestCallEvents.SCHEDULE));
        String subject = trunk != null ? trunk.toString() : schedule;
        boolean failed = e.getTopic().equals(TestCallEvents.FAILED);
        int inRow = failed ? testCallFailures.merge(subject, 1, Integer::sum) : 0;
        if (!failed) {
            testCallFailures.remove(subject);
        }
        for (AlertRule r : of(rules, RuleKind.TEST_CALLS)) {
            boolean firing = failed && inRow >= r.threshold();
            tracker.observe(r, subject, firing, (double) inRow, r.threshold(), failed
                    ? (trunk != null ? "Trunk " + trunk : "Test call " + schedule) + " fails its test calls: " + inRow
                            + " in a row, the last " + e.getProperty(TestCallEvents.OUTCOME) + " ("
                            + e.getProperty(TestCallEvents.REASON) + ")"
                    : (trunk != null ? "Trunk " + trunk : "Test call " + schedule) + " passes its test calls again",
                    now);
        }
    }

    /** Looks at the counts of the last minute. */
    synchronized void tick(List<AlertRule> rules, Instant now) {
        inventory.tick(of(rules, RuleKind.PORTING_OVERDUE), of(rules, RuleKind.QUARANTINE_CALLS), now);
        queues.tick(of(rules, RuleKind.QUEUE_SERVICE_LEVEL), of(rules, RuleKind.QUEUE_WAITING), now);
        for (AlertRule r : of(rules, RuleKind.TRUNK_DOWN)) {
            trunksDown.forEach((trunk, why) -> tracker.observe(r, trunk, true, null, null, why, now));
        }
        int perMinute = 0;
        for (int i = 0; i < 60; i++) {
            if (now.getEpochSecond() - registrationSecond[i] < 60) {
                perMinute += registrations[i];
            }
        }
        for (AlertRule r : of(rules, RuleKind.REGISTRATION_STORM)) {
            boolean storm = perMinute > r.threshold();
            tracker.observe(r, "", storm, (double) perMinute, r.threshold(), perMinute + " registrations and lockouts "
                    + "in the last minute" + (storm ? ", more than " : ", within ") + (long) r.threshold(), now);
        }
        long since = now.toEpochMilli() - 60_000;
        costlyCalls.values().forEach(q -> {
            while (!q.isEmpty() && q.peekFirst() < since) {
                q.removeFirst();
            }
        });
        costlyCalls.values().removeIf(ArrayDeque::isEmpty);
        for (AlertRule r : of(rules, RuleKind.TOLL_FRAUD)) {
            Set<String> accounts = new HashSet<>(costlyCalls.keySet());
            accounts.addAll(tracker.firing(r.name()));
            for (String account : accounts) {
                int calls = costlyCalls.getOrDefault(account, new ArrayDeque<>()).size();
                boolean fraud = calls > r.threshold();
                tracker.observe(r, account, fraud, (double) calls, r.threshold(), "Account " + account + " placed "
                        + calls + " calls to international or premium numbers in the last minute" + (fraud
                                ? ", more than " + (long) r.threshold() + ": possible toll fraud"
                                : ", within " + (long) r.threshold()), now);
            }
        }
    }

    /** @return the number that left on the trunk (what the carrier bills), else what was dialled */
    private static String sent(Event e) {
        Object sent = e.getProperty(SipEvents.SENT);
        return String.valueOf(sent != null ? sent : e.getProperty(SipEvents.CALLEE));
    }

    /** A number the plans cannot read counts as costly: a fraudster's dial string is made to be unreadable. */
    private boolean costly(String callee) {
        NumberNormalization n = numbers.get();
        if (n == null) {
            return !callee.matches("0[1-9][0-9]{5,12}");
        }
        try {
            NumberInfo info = n.describe(callee, null);
            return !info.emergency() && (info.e164() == null || info.international() || info.premium()
                    || "UNKNOWN".equals(info.type()));
        } catch (IllegalArgumentException notANumber) {
            return true;
        }
    }

    private static List<AlertRule> of(List<AlertRule> rules, RuleKind kind) {
        return rules.stream().filter(r -> r.enabled() && r.kind() == kind).toList();
    }
}
