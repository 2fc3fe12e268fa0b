package io.switchboard.phone.core.internal;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The digits a call sends as RFC 4733 telephone events: each lasts 100 ms (five 20 ms packets with
 * the same timestamp and a growing duration), ends with three end packets, then 60 ms of audio
 * before the next digit.
 */
final class DtmfEvents {

    static final String DIGITS = "0123456789*#ABCD";
    private static final int EVENT_FRAMES = 5;
    private static final int END_PACKETS = 3;
    private static final int GAP_FRAMES = 3;

    private final ArrayDeque<Character> queue = new ArrayDeque<>();
    private final byte[] payload = new byte[4];
    private int frame = -1;
    private long timestamp;
    private char digit;
    private int gap;

    /** Queues digits to send. @throws IllegalArgumentException naming a character that is no digit */
    void add(String keys) {
        for (char c : keys.toUpperCase(Locale.ROOT).toCharArray()) {
            if (DIGITS.indexOf(c) < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a DTMF digit (0-9, *, #, A-D)");
            }
            queue.add(c);
        }
    }

    /**
     * @param now the RTP timestamp of this 20 ms
     * @param canSend whether the far end agreed to telephone events
     * @return whether this 20 ms carries an event instead of audio
     */
    boolean due(long now, boolean canSend) {
        if (frame < 0 && gap > 0) {
            gap--;
        } else if (frame < 0 && !queue.isEmpty() && canSend) {
            digit = queue.poll();
            frame = 0;
            timestamp = now;
        }
        return frame >= 0;
    }

    /** @return whether this is the event's first packet, which carries the marker bit */
    boolean first() {
        return frame == 0;
    }

    /** @return the event's timestamp: that of its first packet */
    long timestamp() {
        return timestamp;
    }

    /** @return the payload of this 20 ms's packet, to send {@link #copies()} times */
    byte[] payload(int frameTicks, int clockRate) {
        int frames = frame + 1;
        int duration = Math.min(frames, EVENT_FRAMES) * frameTicks * 8000 / clockRate;
        payload[0] = (byte) DIGITS.indexOf(digit);
        payload[1] = (byte) ((frames >= EVENT_FRAMES ? 0x80 : 0) | 10);
        payload[2] = (byte) (duration >> 8);
        payload[3] = (byte) duration;
        return payload;
    }

    /** @return how many times this 20 ms's packet goes out: three for the end, else once */
    int copies() {
        return frame + 1 >= EVENT_FRAMES ? END_PACKETS : 1;
    }

    /** Moves to the next 20 ms, after this one's packets went out. */
    void sent() {
        if (frame + 1 >= EVENT_FRAMES) {
            frame = -1;
            gap = GAP_FRAMES;
        } else {
            frame++;
        }
    }
}
