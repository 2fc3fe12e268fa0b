package io.switchboard.cdr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Where an importer puts what it reads. Implemented by the CDR service. */
@ProviderType
public interface ImportSink {

    /** A record read from the given line (or record number). */
    void record(long line, CallRecord record);

    /** A line that could not be read, and why; the import goes on. */
    void error(long line, String message);
}
