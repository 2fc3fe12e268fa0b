package io.switchboard.phone.core.internal;

import java.util.TreeMap;

/**
 * An adaptive jitter buffer for 20 ms frames: packets wait until the playout clock reaches their
 * timestamp, the clock starting a target delay after the first packet arrived. A packet that
 * arrives after its turn was concealed raises the target by a frame (up to {@link #MAX_FRAMES});
 * when every packet of the last ten seconds came at least a frame before its turn, the target goes
 * down by one, dropping one waiting frame, so that the delay follows the network.
 */
final class JitterBuffer {

    static final int MIN_FRAMES = 1;
    static final int MAX_FRAMES = 10;
    private static final long SHRINK_AFTER_FRAMES = 500;

    private final int frameTicks;
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private int targetFrames = 2;
    private boolean started;
    /** The timestamp of the next frame to play, unwrapped to 64 bits. */
    private long playout;
    private long lastUnwrapped = -1;
    private long sinceLate;
    private long played;
    private long concealed;
    private long late;
    private long skipped;
    /** The frame the last shrink skipped, for sinks that record everything; null when none. */
    private byte[] skippedFrame;
    /** Frames still to wait before the first is played. */
    private int preroll;
    /** The least any packet of this window came ahead of its turn, in timestamp units. */
    private long minAhead = Long.MAX_VALUE;

    JitterBuffer(int frameTicks) {
        this.frameTicks = frameTicks;
    }

    /** A packet arrived; its payload is kept as given. */
    synchronized void put(long rtpTimestamp, byte[] payload) {
        long ts = unwrap(rtpTimestamp);
        if (started && ts - playout > 50L * frameTicks) {
            reset(); // a second ahead: the far end's clock jumped
            ts = unwrap(rtpTimestamp);
        }
        if (!started) {
            started = true;
            playout = ts;
            preroll = targetFrames;
        }
        if (ts < playout) {
            late++;
            sinceLate = 0;
            minAhead = Long.MAX_VALUE;
            if (targetFrames < MAX_FRAMES) {
                targetFrames++;
                preroll++; // the next frames wait one frame longer
            }
            return;
        }
        minAhead = Math.min(minAhead, ts - playout);
        if (waiting.size() < 4 * MAX_FRAMES) {
            waiting.put(ts, payload);
        }
    }

    /** A new source (another SSRC, a jump of its clock): its timestamps start afresh. */
    synchronized void reset() {
        waiting.clear();
        started = false;
        preroll = 0;
        minAhead = Long.MAX_VALUE;
        lastUnwrapped = -1;
    }

    /** @return the payload to play now, or null to conceal (nothing arrived for this frame yet) */
    synchronized byte[] take() {
        if (!started) {
            return null;
        }
        if (preroll > 0) {
            preroll--;
            return null;
        }
        byte[] payload = waiting.remove(playout);
        waiting.headMap(playout).clear();
        playout += frameTicks;
        played++;
        if (payload == null) {
            concealed++;
        }
        if (++sinceLate >= SHRINK_AFTER_FRAMES) {
            if (targetFrames > MIN_FRAMES && minAhead != Long.MAX_VALUE && minAhead >= 2L * frameTicks) {
                targetFrames--;
                skippedFrame = waiting.remove(playout); // skipping one frame brings the delay down by one
                playout += frameTicks;
                skipped++;
            }
            sinceLate = 0;
            minAhead = Long.MAX_VALUE;
        }
        return payload;
    }

    /** @return the frame the last {@link #take()} skipped to shrink the delay, once; null when it skipped none */
    synchronized byte[] skipped() {
        byte[] s = skippedFrame;
        skippedFrame = null;
        return s;
    }

    /** @return the frames still waiting, in order, gaps left out: what a recording still gets when the call ends */
    synchronized java.util.List<byte[]> drain() {
        java.util.List<byte[]> rest = new java.util.ArrayList<>(waiting.tailMap(playout).values());
        waiting.clear();
        return rest;
    }

    /** @return frames played so far, of them concealed, packets that came too late, frames skipped to shrink */
    synchronized long[] counts() {
        return new long[] { played, concealed, late, skipped };
    }

    synchronized int delayMs() {
        return targetFrames * 20;
    }

    /** Unwraps the 32-bit RTP timestamp near the last one seen. */
    private long unwrap(long ts) {
        if (lastUnwrapped < 0) {
            lastUnwrapped = ts;
            return ts;
        }
        long base = lastUnwrapped & ~0xFFFFFFFFL;
        long candidate = base | ts;
        if (candidate - lastUnwrapped > 0x80000000L) {
            candidate -= 1L << 32;
        } else if (lastUnwrapped - candidate > 0x80000000L) {
            candidate += 1L << 32;
        }
        lastUnwrapped = Math.max(lastUnwrapped, candidate);
        return candidate;
    }
}
