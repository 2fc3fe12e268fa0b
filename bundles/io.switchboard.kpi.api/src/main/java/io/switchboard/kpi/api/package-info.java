/**
 * Call-quality KPIs: ASR, ACD, NER, post-dial delay, MOS, jitter, loss and peaks per trunk, DID,
 * user and destination, in 5-minute, hourly and daily buckets of the admin's time zone.
 */
@Version("1.0.0")
package io.switchboard.kpi.api;

import org.osgi.annotation.versioning.Version;
