package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.switchboard.cdr.api.CallAttachment;
import io.switchboard.cdr.api.CallRecord;

/**
 * Calls' recordings as {@code GET /cdr/records/{id}/recording}: the record's {@value #TAG} tag names
 * the file under the recordings folder. The records' retention removes them by the day they were made.
 */
@Component(property = CallAttachment.NAME + "=recording")
public class RecordingAttachment implements CallAttachment {

    /** The record tag naming the recording's file, relative to the recordings folder. */
    public static final String TAG = "recording";

    private final Path folder;

    @Activate
    public RecordingAttachment(BundleContext context) {
        this(folder(context));
    }

    RecordingAttachment(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** @return {@code <data>/recordings} of the server's data folder */
    static Path folder(BundleContext context) {
        String data = context.getProperty("switchboard.data");
        return Path.of(data == null ? "data" : data, "recordings");
    }

    @Override
    public Optional<Content> find(CallRecord record) throws IOException {
        String name = record.tags().get(TAG);
        if (name == null) {
            return Optional.empty();
        }
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
            return Optional.empty(); // removed, or a tag that points outside the folder
        }
        return Optional.of(Content.ofFile(name.endsWith(".wav") ? "audio/wav" : "application/vnd.tcpdump.pcap", file));
    }

    @Override
    public long removeBefore(Instant cutoff) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        AtomicLong removed = new AtomicLong();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Instant made = Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toInstant();
                if (made.isBefore(cutoff) && Files.deleteIfExists(file)) {
                    removed.incrementAndGet();
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(folder)) {
            dirs.filter(d -> !d.equals(folder) && Files.isDirectory(d))
                    .sorted(Comparator.reverseOrder())
                    .forEach(RecordingAttachment::removeIfEmpty);
        }
        return removed.get();
    }

    private static void removeIfEmpty(Path dir) {
        try (Stream<Path> in = Files.list(dir)) {
            if (in.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // still holds something, or went already: nothing to do
        }
    }
}
