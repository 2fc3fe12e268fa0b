package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An adaptive jitter buffer for 20 ms frames: packets wait until the playout clock reaches their
 * timestamp, the clock starting a target delay (a frame at first) after the first packet arrived. A packet that
 * arrives after its turn was concealed raises the target by a frame (up to {@link #MAX_FRAMES});
 * when every packet of the last three seconds came at least a frame before its turn, the target goes
 * down by one, dropping one waiting frame, so that the delay follows the network. Each late packet
 * also holds the playout a frame and a full ring lets its oldest frame go, so that a sender whose
 * clock runs slower or faster than ours is still heard: the playout follows it. Packets far behind
 * the playout one after another mean that this side stalled (its tick caught up before they were
 * read): the playout goes back to them rather than drop as many frames as the stall lasted.
 * <p>
 * The frames wait in a ring of slots, each with an array of its own that later frames reuse: a
 * call puts and takes fifty frames a second, and the engine runs hundreds of calls, so none of
 * this makes garbage.
 */
final class JitterBuffer {

    static final int MIN_FRAMES = 1;
    static final int MAX_FRAMES = 10;
    /** Frames kept ahead of the playout clock; a packet further ahead makes the oldest give way. */
    private static final int SLOTS = 4 * MAX_FRAMES;
    private static final long EMPTY = Long.MIN_VALUE;
    private static final long SHRINK_AFTER_FRAMES = 150;
    /** Packets further behind than this, one after another, mean that our thread stalled, not the network. */
    private static final long STALL_FRAMES = 3;

    private final int frameTicks;
    private final long[] slotTimestamp = new long[SLOTS];
    private final byte[][] slotData = new byte[SLOTS][];
    private final int[] slotLength = new int[SLOTS];
    private int targetFrames = MIN_FRAMES;
    private boolean started;
    /** The timestamp of the next frame to play, unwrapped to 64 bits. */
    private long playout;
    private long lastUnwrapped = -1;
    /** The timestamp of the last packet that came after its turn. */
    private long lastLate = EMPTY;
    /** The timestamp of the last frame played from a packet (not concealed). */
    private long lastPlayed = EMPTY;
    private long sinceLate;
    private long played;
    private long concealed;
    private long late;
    private long skipped;
    /** The array holding the frame the last take returned, and the one the last shrink skipped (or -1). */
    private byte[] taken;
    private byte[] skippedData;
    private int skippedLength = -1;
    /** Frames still to wait before the first is played. */
    private int preroll;
    /** The least any packet of this window came ahead of its turn, in timestamp units. */
    private long minAhead = Long.MAX_VALUE;

    JitterBuffer(int frameTicks) {
        this.frameTicks = frameTicks;
        Arrays.fill(slotTimestamp, EMPTY);
        for (int i = 0; i < SLOTS; i++) {
            slotData[i] = new byte[Math.min(2 * frameTicks, 512)]; // made with the call; a larger packet gets its own
        }
    }

    void put(long rtpTimestamp, byte[] payload) {
        put(rtpTimestamp, payload, 0, payload.length);
    }

    /** A packet arrived; its payload is copied. */
    synchronized void put(long rtpTimestamp, byte[] packet, int offset, int length) {
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
            }
            // later than the last frame heard: the frames in between were only concealed, none is played twice
            boolean stalled = playout - ts > STALL_FRAMES * frameTicks && lastLate == ts - frameTicks
                    && ts > lastPlayed;
            lastLate = ts;
            if (!stalled) {
                // the next frames wait one frame longer, even at the largest delay: a sender whose clock runs
                // slower than ours would otherwise fall behind the playout for good
                preroll++;
                return;
            }
            // packets in sequence far behind: our thread stalled and its tick caught up before they were read;
            // holding a frame per packet would drop as many as the stall lasted, so play from this one on
            playout = ts;
            preroll = 0;
            lastLate = EMPTY;
        }
        while (ts - playout >= (long) SLOTS * frameTicks) {
            remove(playout); // a sender faster than our clock filled the ring: the oldest frame gives way
            playout += frameTicks;
            skipped++;
        }
        minAhead = Math.min(minAhead, ts - playout);
        int i = slot(ts);
        byte[] data = slotData[i];
        if (data.length < length) {
            data = new byte[length];
            slotData[i] = data;
        }
        System.arraycopy(packet, offset, data, 0, length);
        slotTimestamp[i] = ts;
        slotLength[i] = length;
    }

    /** A new source (another SSRC, a jump of its clock): its timestamps start afresh. */
    synchronized void reset() {
        Arrays.fill(slotTimestamp, EMPTY);
        started = false;
        preroll = 0;
        minAhead = Long.MAX_VALUE;
        lastUnwrapped = -1;
        lastLate = EMPTY;
        lastPlayed = EMPTY;
    }

    /**
     * @return the length of the payload to play now, which {@link #taken()} holds until the next
     *         put; -1 to conceal (nothing arrived for this frame yet)
     */
    synchronized int take() {
        skippedLength = -1;
        if (!started) {
            return -1;
        }
        if (preroll > 0) {
            preroll--;
            return -1;
        }
        int length = remove(playout);
        taken = slotData[slot(playout)];
        if (length < 0) {
            concealed++;
        } else {
            lastPlayed = playout;
        }
        playout += frameTicks;
        played++;
        if (++sinceLate >= SHRINK_AFTER_FRAMES) {
            if (minAhead != Long.MAX_VALUE && minAhead >= 2L * frameTicks) {
                targetFrames = Math.max(MIN_FRAMES, targetFrames - 1);
                skippedLength = remove(playout); // skipping one frame brings the delay down by one
                skippedData = slotData[slot(playout)];
                playout += frameTicks;
                skipped++;
            }
            sinceLate = 0;
            minAhead = Long.MAX_VALUE;
        }
        return length;
    }

    /** @return the array of the frame the last {@link #take()} returned */
    synchronized byte[] taken() {
        return taken;
    }

    /** @return the length of the frame the last {@link #take()} skipped to shrink the delay (in {@link #skippedData()}), or -1 */
    synchronized int skipped() {
        return skippedLength;
    }

    synchronized byte[] skippedData() {
        return skippedData;
    }

    /** @return the frames still waiting, in order, gaps left out: what a recording still gets when the call ends */
    synchronized List<byte[]> drain() {
        List<byte[]> rest = new ArrayList<>();
        for (int k = 0; started && k < SLOTS; k++) {
            long ts = playout + (long) k * frameTicks;
            int i = slot(ts);
            if (slotTimestamp[i] == ts) {
                rest.add(Arrays.copyOf(slotData[i], slotLength[i]));
            }
        }
        Arrays.fill(slotTimestamp, EMPTY);
        return rest;
    }

    /** @return frames played so far, of them concealed, packets that came too late, frames skipped to shrink */
    synchronized long[] counts() {
        return new long[] { played, concealed, late, skipped };
    }

    synchronized int delayMs() {
        return targetFrames * 20;
    }

    /** @return the length of the frame of this timestamp, now taken out, or -1 when none waits */
    private int remove(long ts) {
        int i = slot(ts);
        if (slotTimestamp[i] != ts) {
            return -1;
        }
        slotTimestamp[i] = EMPTY;
        return slotLength[i];
    }

    private int slot(long ts) {
        return (int) Math.floorMod(Math.floorDiv(ts, frameTicks), (long) SLOTS);
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
