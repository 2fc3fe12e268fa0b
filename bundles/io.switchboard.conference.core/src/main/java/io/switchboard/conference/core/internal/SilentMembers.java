package io.switchboard.conference.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.switchboard.phone.api.CallStats;
import io.switchboard.sip.api.CallControl;

/**
 * The rooms' media timeout: a participant whose phone has sent no packet for the timeout, while its last
 * offer says it sends, is dead (a phone that lost its network or its power and never hung up) and is
 * ended, as the relay ends such a call. A phone on hold ({@code a=inactive} or {@code recvonly}, a zero
 * address or port) sends nothing on purpose and is left alone until it resumes. A participant the room
 * called is watched from its answer; the room's phone knows when its far end holds.
 */
final class SilentMembers {

    private static final Logger LOG = System.getLogger(SilentMembers.class.getName());

    private final int timeoutSeconds;
    private final LongSupplier clock;
    private final Supplier<CallControl> calls;
    private final Map<String, Watch> watched = new ConcurrentHashMap<>();

    /**
     * @param timeoutSeconds 0 for never
     * @param calls the switch, which the ended call's record is tagged through, or null when it is away
     */
    SilentMembers(int timeoutSeconds, LongSupplier clock, Supplier<CallControl> calls) {
        this.timeoutSeconds = timeoutSeconds;
        this.clock = clock;
        this.calls = calls;
    }

    /** A caller answered with the offer it made: the timeout counts from now. */
    void joined(String callId, String offer) {
        watched.put(callId, new Watch(clock.getAsLong(), sends(offer)));
    }

    /** A participant the room called answered: the timeout counts from now. */
    void called(String callId) {
        watched.put(callId, new Watch(clock.getAsLong(), true));
    }

    /** The caller's new offer: hold, resume; the timeout counts again from now. */
    void reoffered(String callId, String offer) {
        watched.computeIfPresent(callId, (id, w) -> new Watch(clock.getAsLong(), sends(offer)));
    }

    void left(String callId) {
        watched.remove(callId);
    }

    /**
     * Once a second: each caller whose packets stopped for the timeout, while its offer says it sends, is told
     * to {@code end}, once, its record tagged {@code ended}. Packets from a caller on hold mean it resumed (a
     * phone that resumed by a re-INVITE without SDP, whose new offer the room never saw).
     *
     * @param stats a participant's audio figures, or null when it has none
     * @param held whether the room's own phone finds a participant it called on hold (the timeout counts again)
     */
    void check(Function<String, CallStats> stats, Predicate<String> held, Consumer<String> end) {
        if (timeoutSeconds <= 0) {
            return;
        }
        long timeoutNanos = timeoutSeconds * 1_000_000_000L;
        long now = clock.getAsLong();
        watched.forEach((callId, w) -> {
            CallStats audio = stats.apply(callId);
            if (audio == null) {
                return;
            }
            long packets = audio.packetsReceived();
            if (held.test(callId)) {
                watched.replace(callId, w, new Watch(now, w.sends, packets));
            } else if (w.packets < 0) {
                watched.replace(callId, w, new Watch(w.since, w.sends, packets)); // counted from the offer on
            } else if (packets != w.packets) {
                watched.replace(callId, w, new Watch(now, true, packets));
            } else if (w.sends && now - w.since > timeoutNanos && watched.remove(callId, w)) {
                LOG.log(Level.INFO, "Call " + callId + " sent no audio for " + timeoutSeconds + " s: ended");
                CallControl c = calls.get();
                if (c != null) {
                    c.tag(callId, "ended", "no audio from the caller for " + timeoutSeconds + " s");
                }
                end.accept(callId);
            }
        });
    }

    /**
     * @return whether the audio of an SDP offer says the phone sends: its first audio stream not refused (port
     *         0), with neither {@code inactive} nor {@code recvonly} (its own line, else the session's) nor a
     *         hold address (0.0.0.0 or ::, its own connection line, else the session's)
     */
    static boolean sends(String offer) {
        String sessionDirection = null;
        String sessionAddress = null;
        String direction = null;
        String address = null;
        boolean inAudio = false;
        boolean beforeMedia = true;
        for (String line : offer.split("\r?\n")) {
            String l = line.trim();
            if (l.startsWith("m=")) {
                if (inAudio) {
                    break; // the stream in use is read
                }
                beforeMedia = false;
                String[] m = l.split(" ");
                inAudio = m[0].equals("m=audio") && m.length > 1 && !m[1].equals("0");
            } else if (l.startsWith("c=")) {
                String at = l.substring(l.lastIndexOf(' ') + 1);
                if (beforeMedia) {
                    sessionAddress = at;
                } else if (inAudio) {
                    address = at;
                }
            } else if (l.matches("a=(sendrecv|sendonly|recvonly|inactive)")) {
                if (beforeMedia) {
                    sessionDirection = l;
                } else if (inAudio) {
                    direction = l;
                }
            }
        }
        if (!inAudio) {
            return false;
        }
        String to = address != null ? address : sessionAddress;
        String how = direction != null ? direction : sessionDirection;
        boolean hold = "0.0.0.0".equals(to) || "::".equals(to);
        return !hold && (how == null || how.equals("a=sendrecv") || how.equals("a=sendonly"));
    }

    /** When the caller's packets last moved (or the offer came) and how many there were then (-1: not yet read). */
    private record Watch(long since, boolean sends, long packets) {

        Watch(long since, boolean sends) {
            this(since, sends, -1);
        }
    }
}
