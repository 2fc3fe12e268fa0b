/**
 * Call-quality KPIs: ASR, ACD, NER, post-dial delay, MOS, jitter, loss and peaks per trunk, DID,
 * user and destination, in 5-minute, hourly and daily buckets of the admin's time zone.
 */
package io.switchboard.kpi.api;
