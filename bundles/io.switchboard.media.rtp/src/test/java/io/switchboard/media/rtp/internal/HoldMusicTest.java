package io.switchboard.media.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.audio.G711;

/** A leg whose other leg holds it hears the relay's music instead, over real sockets; the resume gives it back. */
class HoldMusicTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private RtpRelay relay;
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void theHeldLegHearsMusicInItsCodecNotTheHolder() throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 26000, 26099, 2, 0, 1, MusicSource.builtIn()), dir);
        try (DatagramChannel a = phone(); DatagramChannel b = phone()) {
            MediaSession session = relay.open("held-1", (leg, seconds) -> { });
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, sdp(a, "sendrecv", 0)));
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, sdp(b, "sendrecv", 8)));
            send(a, toA, 1, 0x0A);
            assertEquals(0x0A, ssrc(receive(b)), "before the hold B hears A");

            session.rewrite(Leg.A, sdp(a, "sendonly", 0)); // A holds B
            session.rewrite(Leg.B, sdp(b, "recvonly", 8));
            for (int i = 0; i < 5; i++) {
                send(a, toA, 2 + i, 0x0A); // A's own sound on hold is not passed on
            }
            ByteBuffer first = music(b);
            ByteBuffer next = music(b);
            assertEquals(8, first.get(1) & 0x7F, "in B's codec, PCMA");
            assertEquals(1, (next.getShort(2) - first.getShort(2)) & 0xFFFF, "one sequence number a packet");
            assertEquals(160, next.getInt(4) - first.getInt(4), "20 ms of 8 kHz a packet");
            double level = 0;
            for (int i = 0; i < 50; i++) {
                ByteBuffer p = music(b);
                for (int s = 12; s < p.limit(); s++) {
                    level = Math.max(level, Math.abs(G711.alawToLinear(p.get(s))));
                }
            }
            assertTrue(level > 300, "music, not silence: peak " + level);
            assertEquals(1, relay.music().playing());

            session.rewrite(Leg.A, sdp(a, "sendrecv", 0)); // resumed
            session.rewrite(Leg.B, sdp(b, "sendrecv", 8));
            assertEquals(0, relay.music().playing(), "the music stops with the resume");
            send(a, toA, 10, 0x0A);
            ByteBuffer back;
            do {
                back = receive(b); // a music packet already on its way may come first
            } while (ssrc(back) != 0x0A);
            assertEquals(10, back.getShort(2));
            session.close();
        }
    }

    @Test
    void earlyMediaThatOnlyTalksIsNoHold() throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 26100, 26199, 2, 0, 1, MusicSource.builtIn()), dir);
        try (DatagramChannel a = phone(); DatagramChannel b = phone()) {
            MediaSession session = relay.open("early-1", (leg, seconds) -> { });
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, sdp(a, "sendrecv", 0)));
            session.rewrite(Leg.B, sdp(b, "sendonly", 0)); // a carrier's 183: its ringing or an announcement
            send(b, toB, 1, 0x0B);
            assertEquals(0x0B, ssrc(receive(a)), "the caller hears the carrier's early media");
            assertEquals(0, relay.music().playing(), "no music: nobody holds anybody");
            session.close();
        }
    }

    @Test
    void aHoldMusicFileMustBeEightKilohertzMonoAndIsNamedWhenNot() throws Exception {
        Path wrong = dir.resolve("music.wav");
        Files.write(wrong, "not a wav".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MusicSource.wav(wrong));
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MusicSource.wav(dir.resolve("none.wav")));
    }

    private static DatagramChannel phone() throws Exception {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        c.socket().setSoTimeout(2000);
        return c;
    }

    private static byte[] sdp(DatagramChannel phone, String direction, int pt) throws Exception {
        int port = ((InetSocketAddress) phone.getLocalAddress()).getPort();
        return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP " + pt + " 101\r\na=rtpmap:101 telephone-event/8000\r\na=" + direction + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(DatagramChannel from, InetSocketAddress to, int seq, int ssrc) throws Exception {
        ByteBuffer p = ByteBuffer.allocate(172);
        p.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc).position(172);
        from.send(p.flip(), to);
    }

    private static ByteBuffer receive(DatagramChannel phone) throws Exception {
        byte[] bytes = new byte[2048];
        DatagramPacket d = new DatagramPacket(bytes, bytes.length);
        phone.socket().receive(d);
        return ByteBuffer.wrap(bytes, 0, d.getLength());
    }

    /** @return the next packet that is not A's */
    private static ByteBuffer music(DatagramChannel phone) throws Exception {
        ByteBuffer p;
        do {
            p = receive(phone);
            assertTrue(ssrc(p) != 0x0A || p.getShort(2) < 2, "the holder's packet " + p.getShort(2) + " was passed on");
        } while (ssrc(p) == 0x0A);
        return p;
    }

    private static int ssrc(ByteBuffer p) {
        return p.getInt(8);
    }

    private static InetSocketAddress relayAddress(byte[] sdp) {
        String s = new String(sdp, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(s);
        assertTrue(m.find(), s);
        return new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(1)));
    }
}
