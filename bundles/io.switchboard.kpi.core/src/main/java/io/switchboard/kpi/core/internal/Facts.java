package io.switchboard.kpi.core.internal;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.kpi.api.Scope;

/**
 * What one record adds to the KPIs, read once however many buckets it lands in. docs/kpi.md says
 * the same in words; KpiArithmeticTest holds each rule.
 *
 * @param start the call's start, epoch seconds
 * @param end its end, epoch seconds (the start when unknown)
 * @param answered whether it was answered
 * @param effective whether it counts for NER: answered, or ended by the called user (busy,
 *            unanswered after ringing, declined)
 * @param billable billable seconds
 * @param pddMs post-dial delay, or -1 when the call neither rang nor was answered
 * @param mos the worse direction's MOS, NaN when not measured
 * @param jitterMs the worse direction's jitter, NaN when not measured
 * @param lossPercent the worse direction's loss, NaN when not measured
 * @param keys the scopes the call belongs to: scope, key, scope, key, ...
 * @param queue what a queue's caller adds to its queue's figures, or null for a call that waited in none
 */
record Facts(long start, long end, boolean answered, boolean effective, long billable, long pddMs, double mos,
        double jitterMs, double lossPercent, List<Object> keys, QueueSums.Caller queue) {

    /** A call that waited in no queue. */
    Facts(long start, long end, boolean answered, boolean effective, long billable, long pddMs, double mos,
            double jitterMs, double lossPercent, List<Object> keys) {
        this(start, end, answered, effective, billable, pddMs, mos, jitterMs, lossPercent, keys, null);
    }

    /** The tags a queue puts on its callers' records (docs/queues.md). */
    static final String QUEUE = "queue";
    private static final String QUEUE_OUTCOME = "queueOutcome";
    private static final String QUEUE_WAIT = "queueWait";

    /** Tags with which sources name the account that placed a call (Asterisk's accountcode among them). */
    static final List<String> ACCOUNT_TAGS = List.of("account", "accountcode");

    static Facts of(CallRecord r, Destinations destinations) {
        boolean answered = r.disposition() == Disposition.ANSWERED;
        long start = r.start().getEpochSecond();
        long end = r.end() == null ? start : Math.max(start, r.end().getEpochSecond());
        long pdd = r.ring() != null ? r.pddMillis() : r.answer() != null ? r.answer().toEpochMilli()
                - r.start().toEpochMilli() : -1;
        Double mos = answered ? r.mos() : null;
        return new Facts(start, end, answered, answered || userDetermined(r), r.billableSeconds(),
                pdd < 0 ? -1 : pdd, mos == null ? Double.NaN : mos,
                mos == null ? Double.NaN : worse(r.qualityA().jitterMs(), r.qualityB().jitterMs()),
                mos == null ? Double.NaN : worse(r.qualityA().lossPercent(), r.qualityB().lossPercent()),
                keys(r, destinations), queueCaller(r));
    }

    /**
     * A queue's caller as its report counts it: an answered one waited its {@code queueWait} and talked the rest; one
     * who left waited the whole answered time (the queue answered at once), which is also why no outcome is abandoned.
     */
    private static QueueSums.Caller queueCaller(CallRecord r) {
        String queue = r.tags().get(QUEUE);
        if (queue == null || queue.isBlank()) {
            return null;
        }
        String outcome = r.tags().getOrDefault(QUEUE_OUTCOME, "abandoned");
        if (outcome.equals("answered")) {
            long wait = seconds(r.tags().get(QUEUE_WAIT));
            return new QueueSums.Caller(outcome, wait, Math.max(0, r.billableSeconds() - wait));
        }
        return new QueueSums.Caller(outcome, r.billableSeconds(), 0);
    }

    private static long seconds(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * E.411's user-determined outcomes: busy (486, 600), no answer after ringing (480, 408 or the
     * caller giving up once it rang), declined (603). Everything else that is not an answer is
     * the network's failure, a wrong number (404, 484) included.
     */
    private static boolean userDetermined(CallRecord r) {
        int code = r.sipCode();
        if (r.disposition() == Disposition.BUSY || code == 486 || code == 600 || code == 603) {
            return true;
        }
        boolean rang = r.ring() != null;
        return rang && (r.disposition() == Disposition.NO_ANSWER || r.disposition() == Disposition.CANCELLED
                || code == 480 || code == 408 || code == 487);
    }

    private static double worse(Double a, Double b) {
        if (a == null) {
            return b == null ? Double.NaN : b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static List<Object> keys(CallRecord r, Destinations destinations) {
        List<Object> keys = new ArrayList<>(10);
        keys.add(Scope.ALL);
        keys.add("");
        if (r.trunkIn() != null) {
            keys.add(Scope.TRUNK);
            keys.add(r.trunkIn());
        }
        if (r.trunkOut() != null && !r.trunkOut().equals(r.trunkIn())) {
            keys.add(Scope.TRUNK);
            keys.add(r.trunkOut());
        }
        if (r.did() != null && !r.did().isEmpty()) {
            keys.add(Scope.DID);
            keys.add(r.did());
        }
        String user = null;
        for (String tag : ACCOUNT_TAGS) {
            String v = r.tags().get(tag);
            if (user == null && v != null && !v.isBlank()) {
                user = v;
            }
        }
        if (user == null && r.trunkIn() == null && r.direction() != Direction.INBOUND && r.caller() != null
                && !r.caller().isEmpty()) {
            user = r.caller(); // the switch's own calls: only registered users call without a trunk
        }
        if (user != null) {
            keys.add(Scope.USER);
            keys.add(user);
        }
        String queue = r.tags().get(QUEUE);
        if (queue != null && !queue.isBlank()) {
            keys.add(Scope.QUEUE);
            keys.add(queue);
        }
        String destination = destinations.of(r.calleeE164());
        if (destination != null) {
            keys.add(Scope.DESTINATION);
            keys.add(destination);
        }
        return keys;
    }
}
