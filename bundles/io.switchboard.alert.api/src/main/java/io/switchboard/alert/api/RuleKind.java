package io.switchboard.alert.api;

import java.util.Locale;

/** What a rule watches. */
public enum RuleKind {
    /** A KPI of a scope against a fixed threshold. */
    THRESHOLD,
    /** A KPI of a scope against the same time of day in past weeks. */
    BASELINE,
    /** A trunk stopped answering its probes (fires at once, resolves when it is back). */
    TRUNK_DOWN,
    /** More registrations and lockouts a minute than the threshold. */
    REGISTRATION_STORM,
    /** More calls a minute from one account to international or premium numbers than the threshold. */
    TOLL_FRAUD,
    /** A test-call schedule failed as many times in a row as the threshold (resolves when one passes). */
    TEST_CALLS,
    /** An emergency call is going on (fires as it starts, resolves as it ends; since 1.2). */
    EMERGENCY_CALL,
    /** A number porting in is not active the day after its firm order commitment date (since 1.2). */
    PORTING_OVERDUE,
    /** A quarantined number got more calls in the last 24 hours than the threshold (since 1.2). */
    QUARANTINE_CALLS,
    /**
     * A call queue's service level of the day is below the threshold (in percent), once at least {@code minAttempts}
     * of its callers were answered or abandoned; the key names one queue, or none for each (since 1.3).
     */
    QUEUE_SERVICE_LEVEL,
    /** More callers wait in a call queue's line than the threshold; the key names one queue, or none (since 1.3). */
    QUEUE_WAITING;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static RuleKind of(String id) {
        for (RuleKind k : values()) {
            if (k.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("Invalid rule kind '" + id
                + "': threshold, baseline, trunk-down, registration-storm, toll-fraud, test-calls, emergency-call, "
                + "porting-overdue, quarantine-calls, queue-service-level or queue-waiting");
    }

    /** @return {@link #id()}: JSON writes and reads it so (Jackson's enums-by-toString) */
    @Override
    public String toString() {
        return id();
    }
}
