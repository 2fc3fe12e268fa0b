package io.switchboard.paging.core.internal;

import java.util.ArrayDeque;
import java.util.Arrays;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;

/**
 * One member's phone in a page: what it is to hear (the caller's frames, queued between the caller's clock and
 * its own, at most a few) and, for an intercom, the last frame it sent back.
 */
final class Lane implements AudioSource, AudioSink {

    /** Past this many frames (100 ms) the oldest go: a member's phone never lags behind the caller. */
    private static final int MAX_QUEUED = 5;

    private final ArrayDeque<short[]> queued = new ArrayDeque<>();
    private volatile short[] sent;

    /** A frame of the caller's, at whatever rate the caller's leg has. */
    synchronized void offer(short[] frame) {
        if (queued.size() == MAX_QUEUED) {
            queued.poll();
        }
        queued.add(frame.clone());
    }

    @Override
    public void read(short[] frame, int sampleRate) {
        short[] next;
        synchronized (this) {
            next = queued.poll();
        }
        fit(next, frame);
    }

    @Override
    public void write(short[] frame, int sampleRate) {
        sent = frame.clone();
    }

    /** Adds what the member last sent (an intercom's way back) to {@code frame}, once. */
    void addSent(short[] frame) {
        short[] s = sent;
        sent = null;
        if (s != null) {
            short[] fitted = new short[frame.length];
            fit(s, fitted);
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, frame[i] + fitted[i]));
            }
        }
    }

    /** Copies one 20 ms frame into another of another rate (8, 16 or 48 kHz): silence when there is none. */
    static void fit(short[] from, short[] to) {
        if (from == null) {
            Arrays.fill(to, (short) 0);
        } else if (from.length == to.length) {
            System.arraycopy(from, 0, to, 0, to.length);
        } else {
            for (int i = 0; i < to.length; i++) {
                to[i] = from[(int) ((long) i * from.length / to.length)];
            }
        }
    }
}
