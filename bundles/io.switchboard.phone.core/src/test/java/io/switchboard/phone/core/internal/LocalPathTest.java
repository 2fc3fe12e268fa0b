package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.media.audio.G711;
import io.switchboard.phone.api.AudioSink;

/**
 * An engine leg beside the relay: the relay's packets come in its own (direct) buffer, on the relay's thread; the
 * keys in them reach the call on a thread of their own; the leg's packets go back on the path.
 */
class LocalPathTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** The server's path as the leg sees it: what the leg bound, and what it sent. */
    private static final class Path implements LocalDatagrams {
        volatile Receiver receiver;
        volatile InetSocketAddress bound;
        final List<InetSocketAddress> sentTo = new CopyOnWriteArrayList<>();
        final List<InetSocketAddress> sentFrom = new CopyOnWriteArrayList<>();

        @Override
        public Binding bind(InetSocketAddress address, Receiver r) {
            bound = address;
            receiver = r;
            return () -> receiver = null;
        }

        @Override
        public boolean send(ByteBuffer packet, InetSocketAddress from, InetSocketAddress to) {
            sentTo.add(to);
            sentFrom.add(from);
            return true;
        }
    }

    @Test
    void theRelaysAudioAndKeysInItsDirectBufferReachTheLegAndTheLegsPacketsGoOnThePath() throws Exception {
        Path path = new Path();
        BlockingQueue<Integer> digits = new LinkedBlockingQueue<>();
        AtomicInteger loudest = new AtomicInteger();
        InetSocketAddress relay = new InetSocketAddress(LOOPBACK, 26502);
        try (RtpStream leg = new RtpStream("127.0.0.1", digits::add, true, path)) {
            assertNotNull(path.receiver, "the leg bound its socket on the path");
            assertEquals(new InetSocketAddress(LOOPBACK, leg.port()), path.bound);
            leg.configure(AudioCodec.of(List.of("PCMU")).get(0), 101, relay, null, true, true);
            leg.audio((frame, rate) -> { }, new AudioSink() {
                @Override
                public void write(short[] frame, int sampleRate) {
                    for (short s : frame) {
                        loudest.accumulateAndGet(Math.abs(s), Math::max);
                    }
                }
            });
            ByteBuffer direct = ByteBuffer.allocateDirect(2048);
            for (int seq = 0; seq < 10; seq++) {
                direct.clear();
                direct.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(7);
                for (int i = 0; i < 160; i++) {
                    direct.put(G711.linearToUlaw((short) (i % 2 == 0 ? 8000 : -8000)));
                }
                path.receiver.datagram(direct.flip(), relay, System.nanoTime());
            }
            direct.clear();
            direct.put((byte) 0x80).put((byte) (0x80 | 101)).putShort((short) 10).putInt(1600).putInt(7)
                    .put((byte) 5).put((byte) 0x0a).putShort((short) 160);
            path.receiver.datagram(direct.flip(), relay, System.nanoTime());
            // the key reaches the call on the keys' thread
            assertEquals((int) '5', digits.poll(2, TimeUnit.SECONDS), "the key came through");
            for (int i = 0; i < 10; i++) {
                leg.hear();
            }
            assertTrue(loudest.get() > 6000, "the leg played the relay's audio: " + loudest.get());
            leg.speak();
            leg.flush();
            assertEquals(List.of(relay), path.sentTo, "the leg's frame went to the relay on the path");
            assertEquals(path.bound, path.sentFrom.get(0));
        }
        assertNull(path.receiver, "the closed leg left the path");
    }
}
