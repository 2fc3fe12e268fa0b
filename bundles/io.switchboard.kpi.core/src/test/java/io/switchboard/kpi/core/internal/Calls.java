package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;

/** Call records written by hand, one field at a time. */
final class Calls {

    private static int next;

    private final String source;
    private Instant start;
    private Instant ring;
    private Instant answer;
    private Instant end;
    private long billable;
    private String trunkIn;
    private String trunkOut = "carrier-a";
    private String did;
    private String caller = "alice";
    private String calleeE164 = "+442079460123";
    private Direction direction = Direction.OUTBOUND;
    private Disposition disposition = Disposition.FAILED;
    private int code = 503;
    private Quality a = Quality.NONE;
    private Quality b = Quality.NONE;
    private Map<String, String> tags = Map.of();

    private Calls(String source, String start) {
        this.source = source;
        this.start = Instant.parse(start);
        this.end = this.start.plusSeconds(5);
    }

    static Calls at(String start) {
        return new Calls("switchboard", start);
    }

    static Calls imported(String source, String start) {
        return new Calls(source, start);
    }

    Calls answered(long pddMs, long seconds) {
        ring = start.plusMillis(pddMs);
        answer = ring.plusSeconds(2);
        end = answer.plusSeconds(seconds);
        billable = seconds;
        disposition = Disposition.ANSWERED;
        code = 200;
        return this;
    }

    Calls failed(Disposition d, int sipCode, Long ringAfterMs) {
        disposition = d;
        code = sipCode;
        ring = ringAfterMs == null ? null : start.plusMillis(ringAfterMs);
        return this;
    }

    Calls quality(Quality callerSide, Quality calleeSide) {
        a = callerSide;
        b = calleeSide;
        return this;
    }

    Calls trunks(String in, String out) {
        trunkIn = in;
        trunkOut = out;
        return this;
    }

    Calls inbound(String number) {
        direction = Direction.INBOUND;
        did = number;
        calleeE164 = number;
        return this;
    }

    Calls callee(String e164) {
        calleeE164 = e164;
        return this;
    }

    Calls caller(String name) {
        caller = name;
        return this;
    }

    Calls tag(String key, String value) {
        Map<String, String> more = new HashMap<>(tags);
        more.put(key, value);
        tags = Map.copyOf(more);
        return this;
    }

    /** A caller of a queue, answered by it at once, waiting or talking {@code seconds} in all, as it tags them. */
    Calls queue(String queue, String outcome, Long waitSeconds, long seconds) {
        answered(0, seconds);
        tag("queue", queue);
        tag("queueOutcome", outcome);
        return waitSeconds == null ? this : tag("queueWait", waitSeconds.toString());
    }

    Calls endsAfter(long seconds) {
        end = start.plusSeconds(seconds);
        return this;
    }

    CallRecord record() {
        String id = source + "-" + (next++);
        return new CallRecord(id, source, id, List.of(id), start, ring, answer, end, billable, caller, null, null,
                calleeE164, calleeE164, direction, trunkIn, trunkOut, did, disposition, code, "", HangupSide.CALLER,
                null, a, b, tags);
    }
}
