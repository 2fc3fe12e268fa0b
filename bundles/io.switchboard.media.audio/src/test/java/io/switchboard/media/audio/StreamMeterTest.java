package io.switchboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.switchboard.media.api.StreamStats;

/** Losses, jitter and events of RTP streams built packet by packet as a phone would send them. */
class StreamMeterTest {

    private static final long MS = 1_000_000L;
    private final Codec[] types = new Codec[128];
    private final StreamMeter meter;

    StreamMeterTest() {
        types[0] = Codec.PCMU;
        types[101] = Codec.of("telephone-event", 8000);
        meter = new StreamMeter(types);
    }

    @Test
    void aCleanStreamHasNoLossNoJitterAndG711sBestScore() {
        for (int i = 0; i < 1000; i++) {
            send(0, i, i * 160L, 0x1234, i * 20 * MS);
        }
        StreamStats s = stats();
        assertEquals("PCMU", s.codec());
        assertEquals(1000, s.packets());
        assertEquals(1000, s.expected());
        assertEquals(0, s.lost());
        assertEquals(0.0, s.jitterMs(), 0.001);
        assertNull(s.rttMs());
        assertEquals(4.40, s.mos(), 0.01, "G.107's R of 93.2 less 20 ms of delay");
    }

    @Test
    void everyTwentiethPacketLostIsFivePercent() {
        for (int i = 0; i < 1000; i++) {
            if (i % 20 != 7) {
                send(0, i, i * 160L, 1, i * 20 * MS);
            }
        }
        StreamStats s = stats();
        assertEquals(950, s.packets());
        assertEquals(1000, s.expected());
        assertEquals(50, s.lost());
        assertEquals(5.0, s.lossPercent(), 1e-9);
        assertEquals(3.90, s.mos(), 0.02, "G.711 with concealment at 5 % random loss: R about 77");
    }

    @Test
    void sequenceNumbersWrapAround() {
        for (int i = 0; i < 200; i++) {
            send(0, (65_450 + i) & 0xFFFF, i * 160L, 1, i * 20 * MS);
        }
        StreamStats s = stats();
        assertEquals(200, s.expected());
        assertEquals(0, s.lost());
    }

    @Test
    void reorderedAndDuplicatePacketsAreNoLoss() {
        int[] order = { 0, 1, 3, 2, 4, 5, 5, 6, 8, 7, 9 };
        for (int i = 0; i < order.length; i++) {
            send(0, order[i], order[i] * 160L, 1, i * 20 * MS);
        }
        StreamStats s = stats();
        assertEquals(10, s.expected());
        assertEquals(11, s.packets(), "the duplicate is a packet received");
        assertEquals(0, s.lost(), "a duplicate does not make up for a loss, nor make one");
    }

    @Test
    void jitterFollowsTheVariationOfTransitTime() {
        // Every other packet 30 ms late: transit alternates, each difference is 30 ms.
        for (int i = 0; i < 2000; i++) {
            send(0, i, i * 160L, 1, i * 20 * MS + (i % 2) * 30 * MS);
        }
        assertEquals(30.0, stats().jitterMs(), 0.5);
    }

    @Test
    void aNewSourceStartsACountThatAddsToTheOld() {
        for (int i = 0; i < 100; i++) {
            send(0, 5000 + i, i * 160L, 1, i * 20 * MS);
        }
        for (int i = 0; i < 100; i++) {
            if (i != 50) {
                send(0, 40_000 + i, 999_999L + i * 160L, 2, (2000 + i * 20) * MS);
            }
        }
        StreamStats s = stats();
        assertEquals(200, s.expected());
        assertEquals(1, s.lost());
    }

    @Test
    void aLargeJumpCountsFromTheSecondPacketAfterIt() {
        for (int i = 0; i < 50; i++) {
            send(0, i, i * 160L, 1, i * 20 * MS);
        }
        for (int i = 0; i < 50; i++) {
            send(0, 20_000 + i, (50 + i) * 160L, 1, (50 + i) * 20 * MS);
        }
        StreamStats s = stats();
        assertEquals(0, s.lost(), "a restarted sender is not 20,000 lost packets");
        assertEquals(99, s.expected(), "the first packet after the jump is not yet believed");
    }

    @Test
    void eachTelephoneEventCountsOnceHoweverOftenItIsRepeated() {
        int seq = 0;
        for (int event = 0; event < 3; event++) {
            long ts = 8000L * (event + 1);
            for (int repeat = 0; repeat < 6; repeat++) {
                send(101, seq++, ts, 1, seq * 20 * MS);
            }
        }
        assertEquals(3, stats().dtmfEvents());
        assertEquals(0, stats().lost());
    }

    @Test
    void notRtpIsNotCounted() {
        ByteBuffer junk = ByteBuffer.wrap(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 });
        assertFalse(meter.packet(junk, 0));
        assertFalse(meter.packet(ByteBuffer.wrap(new byte[] { (byte) 0x80, 0, 0 }), 0), "shorter than a header");
        meter.publish();
        assertEquals(StreamStats.NONE, meter.stats());
    }

    @Test
    void roundTripTimeAddsDelayToTheScore() {
        for (int i = 0; i < 100; i++) {
            send(0, i, i * 160L, 1, i * 20 * MS);
        }
        double without = stats().mos();
        meter.rtt(600);
        StreamStats s = stats();
        assertEquals(600.0, s.rttMs());
        assertTrue(s.mos() < without - 0.3, "300 ms one way is heard: " + s.mos() + " against " + without);
    }

    private void send(int pt, int seq, long timestamp, int ssrc, long arrivalNanos) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt((int) timestamp).putInt(ssrc);
        b.position(0);
        assertTrue(meter.packet(b, arrivalNanos));
        assertEquals(0, b.position(), "the packet is left as it came");
    }

    private StreamStats stats() {
        meter.publish();
        return meter.stats();
    }
}
