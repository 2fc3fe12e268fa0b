package io.switchboard.cdr.core.internal;

/** The call-record service's settings checked at start: a bad one stops it with its name and what it may be. */
final class CdrSettings {

    private CdrSettings() {
    }

    static void check(CdrConfig config) {
        if (config.commitLingerMillis() < 0) {
            throw invalid("commitLingerMillis", config.commitLingerMillis(), "0 or more milliseconds");
        }
        if (config.maxBatch() < 1) {
            throw invalid("maxBatch", config.maxBatch(), "1 or more records");
        }
        if (config.retentionDays() < 0) {
            throw invalid("retentionDays", config.retentionDays(), "0 (keep forever) or more days");
        }
    }

    private static IllegalArgumentException invalid(String name, long value, String allowed) {
        return new IllegalArgumentException("Invalid setting " + CdrConfig.PID + " " + name + "=" + value + ": " + allowed);
    }
}
