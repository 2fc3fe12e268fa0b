package io.switchboard.cdr.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something another area keeps for a call record: the switch its SIP ladder, the media relay its
 * recording, a vendor plugin whatever it adds. Registered as a service with the property
 * {@value #NAME}; the API serves it as {@code GET /cdr/records/{id}/{name}} and the records'
 * retention removes it with them.
 */
@ConsumerType
public interface CallAttachment {

    /** Service property: the attachment's name in the API path, for example {@code ladder}. */
    String NAME = "switchboard.cdr.attachment";

    /**
     * @return what is kept for this record, or empty when nothing is (the call was not recorded, or
     *         the record came from an import)
     */
    Optional<Content> find(CallRecord record) throws IOException;

    /** Retention: removes what was kept for calls that started before the cutoff; @return how many went */
    long removeBefore(Instant cutoff) throws IOException;

    /**
     * The attachment's content: a file, or bytes made on request. Either way it can be served in ranges.
     *
     * @param contentType the media type, for example {@code audio/wav}
     * @param fileName the name to save it under
     * @param file the file, or null when the content is in {@code bytes}
     * @param bytes the content, or null when it is in {@code file}
     */
    record Content(String contentType, String fileName, Path file, byte[] bytes) {

        public Content {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(fileName, "fileName");
            if ((file == null) == (bytes == null)) {
                throw new IllegalArgumentException("a file or bytes, one of them");
            }
        }

        public static Content ofFile(String contentType, Path file) {
            return new Content(contentType, file.getFileName().toString(), file, null);
        }

        public static Content ofBytes(String contentType, String fileName, byte[] bytes) {
            return new Content(contentType, fileName, null, bytes);
        }

        /** @return the content's length in bytes */
        public long length() throws IOException {
            return file == null ? bytes.length : Files.size(file);
        }
    }
}
