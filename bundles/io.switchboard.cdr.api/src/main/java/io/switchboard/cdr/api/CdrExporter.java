package io.switchboard.cdr.api;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes call records in a format, for export and billing. A plugin point: Switchboard ships CSV
 * and JSON; vendors add more by registering this service with {@value #FORMAT} and the
 * {@code io.switchboard.plugin.*} properties.
 *
 * <p>Records arrive one by one ({@link Writer#write}) so that any number can be exported without
 * holding them: implementations must stream. One writer per export, used from one thread.
 */
@ConsumerType
public interface CdrExporter {

    /** Service property: the format name, for example {@code csv}. */
    String FORMAT = "io.switchboard.cdr.export.format";

    /** @return the HTTP content type of the output */
    String contentType();

    /** @return the file extension, without the dot */
    String extension();

    /** Starts an export onto the stream. */
    Writer open(OutputStream out) throws IOException;

    /** One export in progress. */
    interface Writer extends AutoCloseable {

        void write(CallRecord record) throws IOException;

        /** Finishes the output (and flushes it), without closing the stream. */
        @Override
        void close() throws IOException;
    }
}
