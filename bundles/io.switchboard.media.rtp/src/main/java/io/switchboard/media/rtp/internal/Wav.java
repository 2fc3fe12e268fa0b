package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/** Two mono 16-bit PCM files made into one stereo WAV (RIFF, PCM), the shorter padded with silence. */
final class Wav {

    private Wav() {
    }

    /** @param left the left channel's samples, or null for silence; likewise right */
    static void stereo(Path wav, Path left, Path right, int rate) throws IOException {
        long frames = Math.max(size(left), size(right)) / 2;
        try (FileChannel out = Recorder.create(wav);
                FileChannel l = left == null ? null : FileChannel.open(left, StandardOpenOption.READ);
                FileChannel r = right == null ? null : FileChannel.open(right, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes()).putInt((int) (36 + frames * 4)).put("WAVE".getBytes())
                    .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate)
                    .putInt(rate * 4).putShort((short) 4).putShort((short) 16)
                    .put("data".getBytes()).putInt((int) (frames * 4));
            header.flip();
            out.write(header);
            int chunk = 8192;
            ByteBuffer lb = ByteBuffer.allocate(chunk * 2);
            ByteBuffer rb = ByteBuffer.allocate(chunk * 2);
            ByteBuffer both = ByteBuffer.allocate(chunk * 4);
            for (long done = 0; done < frames; done += chunk) {
                int n = (int) Math.min(chunk, frames - done);
                read(l, lb, done * 2, n * 2);
                read(r, rb, done * 2, n * 2);
                both.clear();
                for (int i = 0; i < n * 2; i += 2) {
                    both.put(lb.get(i)).put(lb.get(i + 1)).put(rb.get(i)).put(rb.get(i + 1));
                }
                both.flip();
                while (both.hasRemaining()) {
                    out.write(both);
                }
            }
        }
    }

    /** Fills {@code buffer} with {@code length} bytes from {@code position}, zeros past the file's end. */
    private static void read(FileChannel channel, ByteBuffer buffer, long position, int length) throws IOException {
        buffer.clear();
        Arrays.fill(buffer.array(), 0, length, (byte) 0);
        if (channel != null) {
            buffer.limit(length);
            long at = position;
            while (buffer.hasRemaining()) {
                int got = channel.read(buffer, at);
                if (got <= 0) {
                    break;
                }
                at += got;
            }
        }
    }

    private static long size(Path file) throws IOException {
        return file == null ? 0 : Files.size(file);
    }

    /** rw------- where the file system has POSIX permissions. */
    static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
