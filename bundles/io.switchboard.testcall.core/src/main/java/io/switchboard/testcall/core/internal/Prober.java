package io.switchboard.testcall.core.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.testcall.api.AudioCheck;
import io.switchboard.testcall.api.Outcome;
import io.switchboard.testcall.api.TestCallResult;
import io.switchboard.testcall.api.TestCallSchedule;

/**
 * Places one test call and judges it: the post-dial delay, the answer, what comes back while it
 * listens (the 1004 Hz test tone of telephony is what it plays) and the MOS of what it received.
 */
final class Prober {

    static final double TONE_HZ = 1004;
    /** An echo passes when most of what comes back is the tone, loud enough to be more than line noise */
    static final double ECHO_SHARE = 0.5;
    static final double ECHO_DB = -40;
    static final double ANY_DB = -50;
    private static final long POLL_MILLIS = 20;
    /** The jitter buffer's start and the far end's first packets are not the audio path */
    private static final long SETTLE_MILLIS = 500;

    private final PhoneEngine engine;

    Prober(PhoneEngine engine) {
        this.engine = engine;
    }

    /** @param placed told the call's SIP Call-ID as soon as it is placed */
    TestCallResult probe(Phone phone, TestCallSchedule s, Consumer<String> placed) throws InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ToneMeter meter = new ToneMeter(TONE_HZ);
        PhoneCall call = phone.dial(s.number(), engine.tone(TONE_HZ), meter);
        placed.accept(call.id());
        Long pdd = null;
        long deadline = t0 + s.answerSeconds() * 1_000_000_000L;
        while (call.state() != CallState.CONNECTED && call.state() != CallState.ENDED && System.nanoTime() < deadline) {
            if (pdd == null && (call.state() == CallState.RINGING || call.state() == CallState.EARLY_MEDIA)) {
                pdd = (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (call.state() != CallState.CONNECTED) {
            int code = call.failureCode();
            if (call.state() != CallState.ENDED) {
                call.hangup();
                return result(s, started, Outcome.NO_ANSWER, "not answered within " + s.answerSeconds() + " s"
                        + (pdd == null ? ", never rang" : ", rang after " + pdd + " ms"), 0, pdd, null, null, call);
            }
            boolean unanswered = code == 408 || code == 480 || code == 487;
            return result(s, started, unanswered ? Outcome.NO_ANSWER : code == 0 ? Outcome.ERROR : Outcome.REJECTED,
                    code == 0 ? "ended before an answer without a final response" : "refused with " + code
                            + (unanswered ? " (not answered)" : ""), code, pdd, null, null, call);
        }
        if (pdd == null) {
            pdd = (System.nanoTime() - t0) / 1_000_000;
        }
        Thread.sleep(SETTLE_MILLIS);
        meter.start();
        Thread.sleep(s.listenSeconds() * 1000L);
        CallStats stats = call.stats();
        call.hangup();
        double level = Math.round(meter.levelDb() * 10) / 10.0;
        Double mos = stats.packetsReceived() == 0 ? null : stats.mos();
        String heard = String.format(Locale.ROOT, "heard %.1f dBFS, %.0f %% of it the %.0f Hz tone", level,
                100 * meter.toneShare(), TONE_HZ);
        if (s.audio() == AudioCheck.ECHO && (meter.toneShare() < ECHO_SHARE || level < ECHO_DB)) {
            return result(s, started, Outcome.NO_AUDIO, "answered, but its tone did not come back: " + heard, 200, pdd,
                    level, mos, call);
        }
        if (s.audio() == AudioCheck.ANY && level < ANY_DB) {
            return result(s, started, Outcome.NO_AUDIO, "answered, but nothing was heard: " + heard, 200, pdd, level,
                    mos, call);
        }
        if (s.minMos() > 0 && (mos == null || mos < s.minMos())) {
            return result(s, started, Outcome.POOR_QUALITY, "answered, MOS " + (mos == null ? "not measured" : mos)
                    + " below " + s.minMos() + " (" + stats.codec() + ", loss " + stats.lossPercent() + " %, jitter "
                    + stats.jitterMs() + " ms)", 200, pdd, level, mos, call);
        }
        return result(s, started, Outcome.PASSED, "answered after " + pdd + " ms, " + heard + (mos == null ? ""
                : ", MOS " + mos) + " (" + stats.codec() + ")", 200, pdd, level, mos, call);
    }

    private static TestCallResult result(TestCallSchedule s, Instant started, Outcome outcome, String reason, int code,
            Long pdd, Double level, Double mos, PhoneCall call) {
        return new TestCallResult(0, s.name(), s.trunk(), s.number(), started, outcome, reason, code, pdd, level,
                mos == null ? null : Math.round(mos * 100) / 100.0, call.id());
    }
}
