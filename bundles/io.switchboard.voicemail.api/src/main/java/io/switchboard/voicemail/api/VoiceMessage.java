package io.switchboard.voicemail.api;

import java.time.Instant;

/**
 * One voice message in a mailbox.
 *
 * @param caller the caller's user name or number
 * @param callerName the caller's display name, or null
 * @param callId the switch's id of the call that left it (its call record's tag {@code voicemail} names why)
 * @param seconds its length once silence at its end was trimmed
 * @param heard whether its owner listened to it (message waiting counts the others)
 * @param mail what became of its e-mail: {@code none} (no address), {@code pending}, {@code sent},
 *            {@code retrying: why} or {@code failed: why}
 */
public record VoiceMessage(long id, String mailbox, String caller, String callerName, String callId,
        Instant received, int seconds, boolean heard, String mail) {
}
