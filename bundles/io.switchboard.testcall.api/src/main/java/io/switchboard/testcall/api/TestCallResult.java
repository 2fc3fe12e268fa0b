package io.switchboard.testcall.api;

import java.time.Instant;

/**
 * One test call and what it found.
 *
 * @param id the store's id
 * @param schedule the schedule it belongs to
 * @param trunk the schedule's trunk, or null
 * @param number what was dialled
 * @param started when it was placed
 * @param outcome how it went
 * @param reason why, in a sentence an admin can act on
 * @param sipCode the final SIP status (200 when answered), 0 when none came
 * @param pddMs post-dial delay: until it rang or was answered, null when neither
 * @param audioLevelDb the level of what it heard (dBFS over the listening time), null when not answered
 * @param mos the E-model MOS of the audio it received, null when not answered
 * @param sipCallId the SIP Call-ID of the call, as in the call record (tagged synthetic)
 */
public record TestCallResult(long id, String schedule, String trunk, String number, Instant started, Outcome outcome,
        String reason, int sipCode, Long pddMs, Double audioLevelDb, Double mos, String sipCallId) {
}
