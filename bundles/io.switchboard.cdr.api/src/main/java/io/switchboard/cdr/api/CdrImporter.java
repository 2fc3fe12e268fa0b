package io.switchboard.cdr.api;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads call records of another system's format. A plugin point: Switchboard ships importers for
 * Asterisk, FreeSWITCH, Cisco CUCM and Kamailio; vendors add more by registering this service with
 * {@value #FORMAT} and the {@code io.switchboard.plugin.*} properties.
 *
 * <p>Implementations map each record to {@link CallRecord}, keep the source's fields that have no
 * place there as tags, give every record a stable {@code sourceId} (so that re-importing a file
 * adds nothing), report a malformed line through {@link ImportSink#error} with its number and go
 * on with the next. Called from one thread per import.
 */
@ConsumerType
public interface CdrImporter {

    /** Service property: the format name admins choose, for example {@code asterisk-csv}. */
    String FORMAT = "io.switchboard.cdr.format";

    /**
     * @param source the source name to put on the records (the admin's name for the system)
     * @param fileName the file's name, for messages
     * @param in the file's content
     */
    void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException;
}
