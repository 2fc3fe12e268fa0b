package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.switchboard.media.api.Recording;
import io.switchboard.media.audio.Codec;
import io.switchboard.media.audio.G711;

/**
 * Records one call's two directions as they pass the relay, on the relay thread with buffers made
 * once. G.711 is decoded to 16-bit PCM, each direction into a file of its own at the place its RTP
 * timestamp says (a lost packet leaves silence, a late one still lands in its place); at the end
 * the two become one stereo WAV, the caller left and the callee right. Any other codec is kept as
 * received, in a pcap file of both directions that Wireshark plays.
 */
final class Recorder {

    private static final Logger LOG = System.getLogger(Recorder.class.getName());
    private static final int RATE = 8000;
    /**
     * A direction whose source changes, or whose timestamps jump this far from its last packet's (a
     * new stream after hold), is placed by the clock again; otherwise its timestamps alone place it,
     * so a relay or sender that stalls for a while still records the call as it was sent.
     */
    private static final long REBASE_SAMPLES = 2L * RATE;

    private enum Mode {
        UNDECIDED, WAV, PCAP
    }

    private final Path root;
    private final Path base;
    private final Codec[] payloadTypes;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final FileChannel[] pcm = new FileChannel[2];
    private FileChannel pcap;
    private final ByteBuffer samples = ByteBuffer.allocateDirect(2 * 1500).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer frame = ByteBuffer.allocateDirect(16 + 28 + 1500).order(ByteOrder.LITTLE_ENDIAN);
    private final long[] lastTimestamp = new long[2];
    private final long[] lastSample = { -1, -1 };
    private final int[] ssrc = new int[2];
    private Mode mode = Mode.UNDECIDED;
    private Recording done;

    /** @param root the recordings folder; the call's files go into a folder per day under it */
    Recorder(Path root, String callId, Codec[] payloadTypes) throws IOException {
        this.root = root;
        this.payloadTypes = payloadTypes;
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Path dir = root.resolve(String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        Files.createDirectories(dir);
        this.base = dir.resolve(callId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Long.toHexString(startMillis));
    }

    /** An RTP packet {@code side} (0 caller, 1 callee) sent, whole; its position and limit are left as they were. */
    void rtp(int side, ByteBuffer packet, InetSocketAddress from, InetSocketAddress to, long now) {
        try {
            int start = packet.position();
            int length = packet.remaining();
            if (length < 12) {
                return;
            }
            int pt = packet.get(start + 1) & 0x7F;
            Codec codec = payloadTypes[pt];
            boolean g711 = pt == 0 || pt == 8 || codec == Codec.PCMU || codec == Codec.PCMA;
            if (mode == Mode.UNDECIDED) {
                if (codec != null && codec.isTelephoneEvent() || pt == 13) {
                    return; // events and comfort noise say nothing of the codec
                }
                mode = g711 ? Mode.WAV : Mode.PCAP;
                open();
            }
            if (mode == Mode.PCAP) {
                pcap(packet, start, length, from, to, now);
            } else if (g711) {
                pcm(side, packet, start, length, pt == 0 || codec == Codec.PCMU, now);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Recording " + base + " stopped: " + e.getMessage());
            mode = Mode.PCAP;
            pcap = null;
        }
    }

    private void open() throws IOException {
        if (mode == Mode.WAV) {
            pcm[0] = create(Path.of(base + ".caller.pcm"));
            pcm[1] = create(Path.of(base + ".callee.pcm"));
        } else {
            pcap = create(Path.of(base + ".pcap"));
            frame.clear();
            frame.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                    .putInt(101); // LINKTYPE_RAW: each record an IPv4 packet
            frame.flip();
            pcap.write(frame);
        }
    }

    private void pcm(int side, ByteBuffer packet, int start, int length, boolean ulaw, long now) throws IOException {
        int cc = packet.get(start) & 0x0F;
        int offset = 12 + 4 * cc;
        if ((packet.get(start) & 0x10) != 0 && length >= offset + 4) { // header extension
            offset += 4 + 4 * (packet.getShort(start + offset + 2) & 0xFFFF);
        }
        int end = length;
        if ((packet.get(start) & 0x20) != 0) { // padding
            end -= packet.get(start + length - 1) & 0xFF;
        }
        if (offset >= end) {
            return;
        }
        long timestamp = packet.getInt(start + 4) & 0xFFFFFFFFL;
        int source = packet.getInt(start + 8);
        int step = (int) (timestamp - lastTimestamp[side]); // RTP timestamps wrap: the signed 32-bit difference
        long position;
        if (lastSample[side] < 0 || source != ssrc[side] || Math.abs((long) step) > REBASE_SAMPLES) {
            position = Math.max(0, (now - startNanos) * RATE / 1_000_000_000L);
            ssrc[side] = source;
        } else {
            position = lastSample[side] + step;
            if (position < 0) {
                return; // reordered from before the stream's first packet
            }
        }
        lastTimestamp[side] = timestamp;
        lastSample[side] = position;
        samples.clear();
        for (int i = start + offset; i < start + end; i++) {
            byte b = packet.get(i);
            samples.putShort(ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b));
        }
        samples.flip();
        pcm[side].write(samples, position * 2);
    }

    private void pcap(ByteBuffer packet, int start, int length, InetSocketAddress from, InetSocketAddress to, long now)
            throws IOException {
        if (pcap == null || length > 1500) {
            return;
        }
        long micros = startMillis * 1000 + (now - startNanos) / 1000;
        frame.clear();
        frame.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(28 + length).putInt(28 + length);
        frame.order(ByteOrder.BIG_ENDIAN);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (28 + length)).putInt(0).put((byte) 64).put((byte) 17)
                .putShort((short) 0).put(ipv4(from)).put(ipv4(to));
        frame.putShort((short) (from == null ? 0 : from.getPort())).putShort((short) (to == null ? 0 : to.getPort()))
                .putShort((short) (8 + length)).putShort((short) 0);
        frame.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            frame.put(packet.get(start + i));
        }
        frame.flip();
        pcap.write(frame);
    }

    private static byte[] ipv4(InetSocketAddress a) {
        byte[] raw = a == null || a.getAddress() == null ? null : a.getAddress().getAddress();
        return raw != null && raw.length == 4 ? raw : new byte[4];
    }

    /** The call has ended (no more packets): the files are closed, the WAV made. */
    Optional<Recording> finish() {
        if (done != null) {
            return Optional.of(done);
        }
        try {
            Path file;
            if (mode == Mode.PCAP && pcap != null) {
                pcap.close();
                file = Path.of(base + ".pcap");
            } else {
                file = Path.of(base + ".wav");
                Wav.stereo(file, pcm[0] == null ? null : Path.of(base + ".caller.pcm"),
                        pcm[1] == null ? null : Path.of(base + ".callee.pcm"), RATE);
                for (int side = 0; side < 2; side++) {
                    if (pcm[side] != null) {
                        pcm[side].close();
                    }
                }
                Files.deleteIfExists(Path.of(base + ".caller.pcm"));
                Files.deleteIfExists(Path.of(base + ".callee.pcm"));
            }
            done = new Recording(root.relativize(file).toString().replace('\\', '/'),
                    mode == Mode.PCAP ? "pcap" : "wav", Files.size(file));
            return Optional.of(done);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Recording " + base + " could not be finished: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Recordings are the calls' content: readable by the server's user only. */
    static FileChannel create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ);
        Wav.ownerOnly(file);
        return channel;
    }
}
