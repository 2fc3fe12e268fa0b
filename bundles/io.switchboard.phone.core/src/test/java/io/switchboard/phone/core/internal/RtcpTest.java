package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.Test;

import io.switchboard.media.api.StreamStats;

/**
 * Two phones' RTCP, their reports carried by hand so that the clock is the test's: the round trip
 * one end measures is the time its report was away, less the time the far end held it (DLSR), and a
 * report about another stream does not count.
 */
class RtcpTest {

    private static final long MS = 1_000_000;

    @Test
    void theRoundTripIsTheTimeAwayLessTheFarEndsDelay() throws Exception {
        try (DatagramChannel wire = open(); Rtcp alice = new Rtcp(open(), 0x1111, "127.0.0.1");
                Rtcp bob = new Rtcp(open(), 0x2222, "127.0.0.1")) {
            alice.remote(wire.getLocalAddress());
            bob.remote(wire.getLocalAddress());
            long t0 = System.nanoTime();
            assertTrue(!alice.due(t0) && alice.due(t0 + Rtcp.INTERVAL_NANOS), "the first report after half an interval");

            alice.send(t0, 160_000, 50, 8000, StreamStats.NONE, 8000);
            ByteBuffer sr = carry(wire);
            assertEquals(200, sr.get(1) & 0xFF, "a sender report");
            assertEquals(0, sr.get(0) & 0x1F, "no report block before alice heard of bob");
            bob.received(sr, t0 + 5 * MS);

            bob.send(t0 + 45 * MS, 90_000, 40, 6400, new StreamStats("PCMU", 50, 50, 0, 1.5, null, 4.4, 0), 8000);
            ByteBuffer reply = carry(wire);
            assertEquals(1, reply.get(0) & 0x1F, "bob reports on alice's stream");
            alice.received(reply, t0 + 52 * MS);
            // away 52 ms, held 40 ms by bob: 12 ms on the wire both ways
            assertEquals(12.0, alice.rttMs(), 0.1);
            assertNull(bob.rttMs(), "bob has no report of his own stream yet");

            // a report about some other stream leaves alice's figure alone
            try (Rtcp carol = new Rtcp(open(), 0x3333, "127.0.0.1")) {
                carol.remote(wire.getLocalAddress());
                carol.received(sr, t0 + 100 * MS);
                carol.send(t0 + 101 * MS, 0, 0, 0, StreamStats.NONE, 8000);
                ByteBuffer other = carry(wire);
                other.putInt(28, 0x4444); // its report block names another SSRC
                alice.received(other, t0 + 200 * MS);
                assertEquals(12.0, alice.rttMs(), 0.1);
            }
        }
    }

    private static DatagramChannel open() throws Exception {
        return DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static ByteBuffer carry(DatagramChannel wire) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1500);
        wire.receive(b);
        return b.flip();
    }
}
