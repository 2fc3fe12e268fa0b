package io.switchboard.cdr.api;

import java.time.Instant;

/**
 * @param retentionDays the configured retention, 0 for keep forever
 * @param cutoff records that started before this go
 * @param records how many records went (or would go, in a dry run)
 * @param dryRun whether anything was deleted
 */
public record RetentionReport(int retentionDays, Instant cutoff, long records, boolean dryRun) {
}
