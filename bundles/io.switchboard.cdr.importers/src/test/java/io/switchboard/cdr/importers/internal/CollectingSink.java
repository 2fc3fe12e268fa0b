package io.switchboard.cdr.importers.internal;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.ImportSink;
import io.switchboard.cdr.api.LineError;

/** Collects what an importer produces, with line numbers. */
final class CollectingSink implements ImportSink {

    final List<CallRecord> records = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    final List<LineError> errors = new ArrayList<>();

    @Override
    public void record(long line, CallRecord record) {
        lines.add(line);
        records.add(record);
    }

    @Override
    public void error(long line, String message) {
        errors.add(new LineError("test", line, message));
    }
}
