package io.switchboard.conference.api;

import java.time.Instant;

/**
 * Someone in a room now.
 *
 * @param callId the switch's id of their call (its record names the room)
 * @param room the room's number
 * @param caller their user name or number
 * @param callerName their display name, or null
 * @param joined when they entered (after the PIN, or when they answered the room's call)
 * @param moderator whether they entered with the moderator PIN
 * @param muted whether the others do not hear them (they muted themselves with 1, or were muted)
 * @param talking whether they are speaking now (their voice above the noise in the last 300 ms)
 * @param sampleRate the rate their audio is coded at: 8000 narrowband, 16000 or 48000 wideband
 * @param invited whether the room called them ({@link Conferences#invite}); {@code joined} is null while
 *        their phone rings (since 1.1)
 * @param video their video, or null when their call is audio only (since 1.1)
 * @param mos their audio's quality as the bridge measures it so far (ITU-T G.107 E-model, 1 to 4.5), or
 *        null before a second of it (since 1.1)
 */
public record Participant(String callId, String room, String caller, String callerName, Instant joined,
        boolean moderator, boolean muted, boolean talking, int sampleRate, boolean invited, ParticipantVideo video,
        Double mos) {

    /** Someone who called the room (the record of version 1.0). */
    public Participant(String callId, String room, String caller, String callerName, Instant joined,
            boolean moderator, boolean muted, boolean talking, int sampleRate) {
        this(callId, room, caller, callerName, joined, moderator, muted, talking, sampleRate, false, null, null);
    }
}
