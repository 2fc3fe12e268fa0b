package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The jitter buffer on a simulated clock: packets sent every 20 ms arrive after a random delay and
 * are played on a 20 ms tick; what is concealed is counted.
 */
class JitterBufferTest {

    private static final int TICKS = 160;

    @Test
    void packetsInOrderWithoutJitterPlayInOrderAndNothingIsConcealed() {
        JitterBuffer b = new JitterBuffer(TICKS);
        long[] counts = run(b, 500, 0, 0, new Random(1));
        assertEquals(0, counts[1], "concealed");
        assertEquals(0, counts[2], "late");
    }

    @Test
    void fortyMillisecondsOfJitterAreAbsorbedOnceTheDelayHasGrown() {
        JitterBuffer b = new JitterBuffer(TICKS);
        long[] counts = run(b, 3000, 40, 0, new Random(2)); // a minute of audio
        double concealed = 100.0 * counts[1] / counts[0];
        assertTrue(concealed < 1, "concealed " + concealed + " % with 40 ms of jitter");
        // the playout clock runs from the first packet's arrival: its own delay counts towards the 40 ms
        assertTrue(b.delayMs() <= 100, "delay " + b.delayMs() + " ms stays near the jitter");
        assertTrue(counts[2] <= 5, counts[2] + " late packets: the delay grew at the first ones and stayed");
    }

    @Test
    void lostPacketsAreConcealedOneFrameEach() {
        JitterBuffer b = new JitterBuffer(TICKS);
        long[] counts = run(b, 1000, 0, 5, new Random(3));
        // each lost packet is one concealed frame, but for one the buffer skipped while shrinking
        long skipped = b.counts()[3];
        assertTrue(Math.abs(counts[3] - counts[1]) <= skipped, "concealed " + counts[1] + ", lost " + counts[3]
                + ", skipped " + skipped);
        assertTrue(counts[3] > 20, "the run lost packets: " + counts[3]);
    }

    @Test
    void aNewSourceStartsAfresh() {
        JitterBuffer b = new JitterBuffer(TICKS);
        b.put(1000, new byte[] { 1 });
        b.put(1160, new byte[] { 2 });
        assertNull(take(b)); // 20 ms before the first is played: the least delay, raised when packets come late
        assertArrayEquals(new byte[] { 1 }, take(b));
        assertArrayEquals(new byte[] { 2 }, take(b));
        assertEquals(0, b.counts()[1], "waiting before the first frame conceals nothing");
        b.reset();
        b.put(9_000_000, new byte[] { 7 });
        assertNull(take(b));
        assertArrayEquals(new byte[] { 7 }, take(b));
    }

    @Test
    void framesKeepTheirOwnBytesWhileSlotsAreReused() {
        JitterBuffer b = new JitterBuffer(TICKS);
        byte[] packet = new byte[200];
        for (int i = 0; i < 100; i++) {
            packet[10] = (byte) i;
            packet[11] = (byte) (i + 1);
            b.put(5000L + (long) i * TICKS, packet, 10, i % 3 == 0 ? 2 : 1); // one packet buffer, as the socket's
            byte[] played = take(b);
            if (i >= 1) {
                int n = i - 1; // the frame put 20 ms earlier
                byte[] expected = n % 3 == 0 ? new byte[] { (byte) n, (byte) (n + 1) } : new byte[] { (byte) n };
                assertArrayEquals(expected, played, "frame " + n);
            }
        }
        long skipped = b.counts()[3];
        // 40 frames ahead of the next to play, one past the ring: the oldest waiting frame (99) gives way
        b.put(5000L + 100L * TICKS + 39L * TICKS, new byte[] { 9 });
        b.put(5000L + 100L * TICKS, new byte[] { 8 });
        assertEquals(List.of(8, 9), b.drain().stream().map(f -> (int) f[0]).toList());
        assertEquals(skipped + 1, b.counts()[3]);
    }

    @Test
    void aSenderWhoseClockRunsFivePercentSlowIsHeardThroughout() {
        // at 21 ms a packet it cannot send more than 47 frames a second; before, the playout overtook
        // it for good once the delay had grown to its largest, and the phone went silent after 4 s
        int[] heard = heardPerSecond(new JitterBuffer(TICKS), 21.0, 30);
        for (int second = 1; second < heard.length; second++) {
            assertTrue(heard[second] >= 43, "second " + second + ": " + heard[second] + " frames heard of 50");
        }
    }

    @Test
    void aSenderWhoseClockRunsFivePercentFastIsHeardThroughoutAndTheDelayStaysShort() {
        JitterBuffer b = new JitterBuffer(TICKS);
        int[] heard = heardPerSecond(b, 19.0, 30);
        for (int second = 1; second < heard.length; second++) {
            assertTrue(heard[second] >= 49, "second " + second + ": " + heard[second] + " frames heard of 50");
        }
        assertTrue(b.counts()[3] > 0, "frames were skipped to keep up with the sender");
    }

    @Test
    void aReceiverThatStalledHearsTheSenderAgainAtOnce() {
        // the receiving thread starved for 400 ms: its tick catches up with 20 takes in a row, the packets of those
        // 400 ms are read only afterwards, all behind the playout; before, each late one was dropped and the
        // playout held a frame for it, so the next 400 ms were silent too
        JitterBuffer b = new JitterBuffer(TICKS);
        long sent = 0;
        for (int i = 0; i < 50; i++) {
            b.put(5000L + sent++ * TICKS, new byte[] { 1 });
            b.take();
        }
        for (int i = 0; i < 20; i++) {
            b.take(); // the catch-up, nothing read yet
        }
        int heard = 0;
        for (int i = 0; i < 40; i++) {
            b.put(5000L + sent++ * TICKS, new byte[] { 1 }); // the 20 waiting in the socket, then in time again
            if (i < 20 && i % 2 == 0) {
                continue; // the reading thread drains the socket twice as fast as the tick runs
            }
            heard += b.take() >= 0 ? 1 : 0;
        }
        assertTrue(heard >= 25, heard + " of 30 frames heard after the stall");
    }

    @Test
    void oneStrayPacketFarBehindDoesNotMoveThePlayout() {
        JitterBuffer b = new JitterBuffer(TICKS);
        int heard = 0;
        for (int i = 0; i < 100; i++) {
            b.put(5000L + i * TICKS, new byte[] { 1 });
            if (i == 60) {
                b.put(5000L + 30L * TICKS, new byte[] { 2 }); // a duplicate from 600 ms ago
            }
            heard += i > 0 && b.take() >= 0 ? 1 : 0;
        }
        assertTrue(heard >= 97, heard + " of 99 frames heard");
    }

    @Test
    void framesDeliveredAgainAreNotPlayedTwice() {
        JitterBuffer b = new JitterBuffer(TICKS);
        int heard = 0;
        for (int i = 0; i < 100; i++) {
            b.put(5000L + i * TICKS, new byte[] { (byte) i });
            if (i == 60) {
                b.put(5000L + 50L * TICKS, new byte[] { 50 }); // the network delivers two played frames again
                b.put(5000L + 51L * TICKS, new byte[] { 51 });
            }
            byte[] frame = i > 0 ? take(b) : null;
            if (frame != null) {
                heard++;
                assertTrue(i < 60 || frame[0] > 52, "frame " + frame[0] + " played again at " + i);
            }
        }
        assertTrue(heard >= 96, heard + " of 99 frames heard");
    }

    /** A sender with a packet every {@code periodMs} of our clock, played on our 20 ms tick. */
    private static int[] heardPerSecond(JitterBuffer b, double periodMs, int seconds) {
        int[] heard = new int[seconds];
        double nextSend = 0;
        long sent = 0;
        for (long now = 0; now < seconds * 1000L; now++) {
            while (nextSend <= now) {
                b.put(5000L + sent++ * TICKS, new byte[] { 1 });
                nextSend += periodMs;
            }
            if (now % 20 == 10 && b.take() >= 0) {
                heard[(int) (now / 1000)]++;
            }
        }
        return heard;
    }

    /** @return a copy of the frame to play, or null to conceal */
    private static byte[] take(JitterBuffer b) {
        int n = b.take();
        return n < 0 ? null : Arrays.copyOf(b.taken(), n);
    }

    /**
     * @param jitterMs packets arrive up to this long after they were sent, uniformly
     * @param lossPercent packets that never arrive
     * @return frames played, concealed (after the first packet), late packets, lost packets
     */
    private static long[] run(JitterBuffer b, int packets, int jitterMs, int lossPercent, Random random) {
        record Arrival(long atMs, long timestamp) {
        }
        PriorityQueue<Arrival> inFlight = new PriorityQueue<>((x, y) -> Long.compare(x.atMs(), y.atMs()));
        long lost = 0;
        for (int i = 0; i < packets; i++) {
            if (random.nextInt(100) < lossPercent && i > 0) {
                lost++;
                continue;
            }
            long at = i * 20L + (jitterMs == 0 ? 0 : random.nextInt(jitterMs + 1));
            inFlight.add(new Arrival(at, 5000L + (long) i * TICKS));
        }
        // the playout tick runs 10 ms after each send tick, until the last packet's turn came
        for (long now = 0; b.counts()[0] + b.counts()[3] < packets; now += 10) {
            while (!inFlight.isEmpty() && inFlight.peek().atMs() <= now) {
                b.put(inFlight.poll().timestamp(), new byte[] { 1 });
            }
            if (now % 20 == 10) {
                b.take();
            }
        }
        long[] c = b.counts();
        return new long[] { c[0], c[1], c[2], lost };
    }
}
