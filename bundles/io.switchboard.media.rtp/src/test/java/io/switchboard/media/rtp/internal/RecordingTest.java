package io.switchboard.media.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.cdr.api.CallAttachment;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.Recording;

/**
 * Recording through the relay over real UDP: the callee's µ-law tone (encoded by javax.sound) comes
 * back out of the WAV on the right channel, read by javax.sound, with silence where a packet was lost
 * and on the caller's channel; another codec is kept as pcap; the attachment serves and retires them.
 */
class RecordingTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path recordings;
    private RtpRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aG711CallBecomesAStereoWavWithTheCalleeOnTheRight() throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 25500, 25599, 2, 0, 1), recordings);
        byte[] tone = ulaw(1000, 100 * 160); // 2 s of a 1 kHz tone
        try (DatagramChannel a = phone(); DatagramChannel b = phone()) {
            MediaSession session = relay.open("rec-1@host", null);
            session.record();
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, sdp(a, 0)));
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, sdp(b, 0)));
            byte[] silence = new byte[160];
            Arrays.fill(silence, (byte) 0xFF);
            for (int seq = 0; seq < 100; seq++) {
                a.send(rtp(0, seq, silence, 0), toA);
                if (seq != 50) { // lost on the way: 20 ms of silence in its place
                    b.send(rtp(0, seq, Arrays.copyOfRange(tone, seq * 160, seq * 160 + 160), 0), toB);
                }
                Thread.sleep(20);
            }
            Thread.sleep(100);
            session.close();
            Recording recording = session.recording().orElseThrow();
            assertEquals("wav", recording.format());
            Path wav = recordings.resolve(recording.file());
            assertEquals(Files.size(wav), recording.bytes());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wav)));
            assertTrue(Files.list(wav.getParent()).noneMatch(f -> f.toString().endsWith(".pcm")), "no leftovers");

            AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile());
            AudioFormat format = in.getFormat();
            assertEquals(2, format.getChannels());
            assertEquals(8000f, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int frames = pcm.capacity() / 4;
            assertTrue(frames > 15000 && frames < 18000, "about 2 s: " + frames + " frames");
            short[] left = new short[frames];
            short[] right = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = pcm.getShort(i * 4);
                right[i] = pcm.getShort(i * 4 + 2);
            }
            assertTrue(power(right, 1000, 2000, 4000) > 1000 * power(left, 1000, 2000, 4000),
                    "the tone on the right channel, not the left");
            assertTrue(power(right, 1000, 2000, 4000) > 1000 * power(right, 1500, 2000, 4000), "at 1 kHz");
            int lost = lostAt(right);
            assertTrue(lost > 0, "the lost packet's 20 ms are silent");
            assertEquals(160, silentRun(right, lost), "exactly one packet long");
        }
    }

    @Test
    void aStallKeepsTheStreamInPlaceWhileANewSourceAfterItIsPlacedByTheClock() throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 25700, 25799, 2, 0, 1), recordings);
        byte[] tone = ulaw(1000, 100 * 160);
        try (DatagramChannel a = phone(); DatagramChannel b = phone()) {
            MediaSession session = relay.open("rec-3@host", null);
            session.record();
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, sdp(a, 0)));
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, sdp(b, 0)));
            for (int seq = 0; seq < 100; seq++) {
                if (seq == 50) {
                    Thread.sleep(2500); // the caller's timestamps go on where they were; the callee's stream is new
                }
                byte[] payload = Arrays.copyOfRange(tone, seq * 160, seq * 160 + 160);
                a.send(rtp(0, seq, seq * 160, payload, 1), toA);
                b.send(seq < 50 ? rtp(0, seq, seq * 160, payload, 2) : rtp(0, seq, 90_000 + seq * 160, payload, 3), toB);
                Thread.sleep(20);
            }
            Thread.sleep(100);
            session.close();
            Recording recording = session.recording().orElseThrow();
            AudioInputStream in = AudioSystem.getAudioInputStream(recordings.resolve(recording.file()).toFile());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int frames = pcm.capacity() / 4;
            short[] left = new short[frames];
            short[] right = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = pcm.getShort(i * 4);
                right[i] = pcm.getShort(i * 4 + 2);
            }
            assertEquals(16000, lastSound(left) + 1 - firstSound(left), "the caller's 2 s in one piece, by their timestamps");
            int gap = lostAt(right);
            assertTrue(gap > 0 && silentRun(right, gap) >= 2 * 8000,
                    "the callee's new stream placed after the pause: " + (gap < 0 ? "no gap" : silentRun(right, gap)));
        }
    }

    @Test
    void anotherCodecIsKeptAsPcapOfBothDirections() throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 25600, 25699, 2, 0, 1), recordings);
        try (DatagramChannel a = phone(); DatagramChannel b = phone()) {
            MediaSession session = relay.open("rec-2@host", null);
            session.record();
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, sdp(a, 9)));
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, sdp(b, 9)));
            for (int seq = 0; seq < 10; seq++) {
                a.send(rtp(9, seq, new byte[160], seq), toA);
                b.send(rtp(9, seq, new byte[160], seq), toB);
                Thread.sleep(20);
            }
            Thread.sleep(100);
            session.close();
            Recording recording = session.recording().orElseThrow();
            assertEquals("pcap", recording.format());
            ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(recordings.resolve(recording.file())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0xa1b2c3d4, pcap.getInt(0));
            assertEquals(101, pcap.getInt(20), "raw IPv4 link type");
            int records = 0;
            for (int at = 24; at < pcap.capacity(); at += 16 + pcap.getInt(at + 8)) {
                assertEquals(28 + 172, pcap.getInt(at + 8));
                records++;
            }
            assertEquals(20, records, "every packet of both directions");
        }
    }

    @Test
    void theAttachmentServesARecordingByItsTagOnlyInsideTheFolderAndRetentionRemovesOldOnes() throws Exception {
        Path day = Files.createDirectories(recordings.resolve("2026/01/02"));
        Files.write(day.resolve("old.wav"), new byte[] { 1 });
        Files.setLastModifiedTime(day.resolve("old.wav"), FileTime.from(Instant.parse("2026-01-02T10:00:00Z")));
        Files.write(recordings.resolve("new.wav"), new byte[] { 2 });
        RecordingAttachment attachment = new RecordingAttachment(recordings);
        assertEquals(day.resolve("old.wav").toAbsolutePath(),
                attachment.find(record("2026/01/02/old.wav")).orElseThrow().file().toAbsolutePath());
        assertEquals("audio/wav", attachment.find(record("2026/01/02/old.wav")).orElseThrow().contentType());
        assertTrue(attachment.find(record("../../etc/passwd")).isEmpty(), "nothing outside the folder");
        assertTrue(attachment.find(record(null)).isEmpty(), "a call not recorded");
        assertEquals(1, attachment.removeBefore(Instant.parse("2026-06-01T00:00:00Z")));
        assertTrue(Files.notExists(recordings.resolve("2026")), "emptied day folders go too");
        assertTrue(Files.exists(recordings.resolve("new.wav")));
    }

    private static CallRecord record(String file) {
        return new CallRecord("1", "switchboard", "c1", List.of("c1"), Instant.now(), null, null, Instant.now(), 0,
                "alice", null, null, "bob", null, null, null, null, null, Disposition.ANSWERED, 200, "OK", null, null,
                null, null, file == null ? Map.of() : Map.of(RecordingAttachment.TAG, file));
    }

    /** @return µ-law samples of a tone, encoded by javax.sound */
    private static byte[] ulaw(int hz, int samples) throws Exception {
        ByteBuffer linear = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            // off phase: no sample of the tone is zero, so silence is only where a packet was lost
            linear.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0 + 0.3)));
        }
        AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(linear.array()), pcm, samples);
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        return AudioSystem.getAudioInputStream(ulaw, in).readAllBytes();
    }

    /** Goertzel power of one frequency over samples [from, to). */
    private static double power(short[] x, int hz, int from, int to) {
        double k = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s = x[i] + k * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }

    /** @return where, after the tone began, the first run of 80 silent samples starts, or -1 */
    private static int lostAt(short[] x) {
        int start = 0;
        while (start < x.length && Math.abs(x[start]) < 100) {
            start++;
        }
        for (int i = start; i < x.length - 80; i++) {
            if (silentRun(x, i) >= 80) {
                return i;
            }
        }
        return -1;
    }

    private static int firstSound(short[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lastSound(short[] x) {
        for (int i = x.length - 1; i >= 0; i--) {
            if (x[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static int silentRun(short[] x, int from) {
        int n = 0;
        while (from + n < x.length && x[from + n] == 0) {
            n++;
        }
        return n;
    }

    private static DatagramChannel phone() throws Exception {
        return DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
    }

    private static byte[] sdp(DatagramChannel phone, int pt) throws Exception {
        int port = ((InetSocketAddress) phone.getLocalAddress()).getPort();
        return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP " + pt + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer rtp(int pt, int seq, byte[] payload, int ssrc) {
        return rtp(pt, seq, seq * 160, payload, ssrc);
    }

    private static ByteBuffer rtp(int pt, int seq, int timestamp, byte[] payload, int ssrc) {
        ByteBuffer p = ByteBuffer.allocate(12 + payload.length);
        p.put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt(timestamp).putInt(0x1234 + ssrc).put(payload);
        return p.flip();
    }

    private static InetSocketAddress relayAddress(byte[] sdp) {
        String s = new String(sdp, StandardCharsets.UTF_8);
        String host = s.replaceAll("(?s).*c=IN IP4 ([^\\r\\n]+).*", "$1");
        int port = Integer.parseInt(s.replaceAll("(?s).*m=audio (\\d+).*", "$1"));
        return new InetSocketAddress(host, port);
    }
}
