package io.switchboard.emergency.api;

import java.time.Instant;

/**
 * An emergency call, in the log that on-site staff and admins read.
 *
 * @param callId the switch's call id (its call record's)
 * @param started when it was dialled
 * @param answered when the emergency service answered, or null
 * @param ended when it ended, or null while it goes on
 * @param user who called
 * @param callback the caller ID sent
 * @param dialled what was dialled ("911", "urn:service:sos")
 * @param test whether it was a test call (it never left the switch)
 * @param location the location's name, or null when none was resolved
 * @param address the address sent, on one line, or null
 * @param how how the location was resolved
 * @param trunk the trunk it left on, or null
 * @param state ringing, answered, ended or failed
 */
public record EmergencyCall(String callId, Instant started, Instant answered, Instant ended, String user,
        String callback, String dialled, boolean test, String location, String address, String how, String trunk,
        String state) {
}
