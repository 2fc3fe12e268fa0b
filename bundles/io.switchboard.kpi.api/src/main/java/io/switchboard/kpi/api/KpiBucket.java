package io.switchboard.kpi.api;

import java.time.OffsetDateTime;

/**
 * One bucket of a series.
 *
 * @param start where the bucket begins, with the zone's offset at that time (two buckets of one
 *            local hour on the night clocks go back differ in their offset)
 * @param kpis the bucket's figures
 */
public record KpiBucket(OffsetDateTime start, Kpis kpis) {
}
