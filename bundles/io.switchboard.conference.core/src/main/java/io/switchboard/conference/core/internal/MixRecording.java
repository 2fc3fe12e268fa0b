package io.switchboard.conference.core.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A room's mix written to a WAV file (16 kHz, 16-bit mono) as it comes, so that a long conference
 * costs disk, not memory: the header's lengths are filled in when the recording ends.
 */
final class MixRecording implements AutoCloseable {

    private static final int HEADER = 44;

    private final Path file;
    private final FileChannel out;
    private final ByteBuffer frame = ByteBuffer.allocate(Pcm.WIDE * 2).order(ByteOrder.LITTLE_ENDIAN);
    private long bytes;

    MixRecording(Path file) throws IOException {
        this.file = file;
        Path dir = Files.createDirectories(file.getParent());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        this.out = new RandomAccessFile(file.toFile(), "rw").getChannel();
        out.write(header(0), 0);
        out.position(HEADER);
    }

    /** Appends 20 ms of the mix at 16 kHz. */
    synchronized void write(short[] wide) {
        frame.clear();
        for (short s : wide) {
            frame.putShort(s);
        }
        frame.flip();
        try {
            while (frame.hasRemaining()) {
                bytes += out.write(frame);
            }
        } catch (IOException e) {
            System.getLogger(MixRecording.class.getName()).log(Level.WARNING, "Recording " + file + " stopped: "
                    + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try (out) {
            out.write(header(bytes), 0);
        } catch (IOException e) {
            System.getLogger(MixRecording.class.getName()).log(Level.WARNING, "Recording " + file
                    + " not completed: " + e.getMessage());
        }
    }

    private static ByteBuffer header(long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.flip();
    }
}
