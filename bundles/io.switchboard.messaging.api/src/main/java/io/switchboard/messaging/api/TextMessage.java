package io.switchboard.messaging.api;

import java.time.Instant;

/**
 * One text message.
 *
 * @param id the store's id, 0 before it is stored
 * @param from the sending user
 * @param fromName the sender's display name, or null
 * @param to the user it is for, or the number it is sent to through a trunk
 * @param trunk the trunk it left by or came in on, or null between users of the switch
 * @param contentType its MIME type, {@code text/plain} most often
 * @param body its content, as sent
 * @param received when the switch took it
 * @param state where it stands
 * @param delivered when a phone of the user took it, or null
 * @param reason why it failed or expired, or null
 */
public record TextMessage(long id, String from, String fromName, String to, String trunk, String contentType, byte[] body,
        Instant received, MessageState state, Instant delivered, String reason) {

    /** @return the same message in another state */
    public TextMessage with(MessageState newState, Instant at, String why) {
        return new TextMessage(id, from, fromName, to, trunk, contentType, body, received, newState,
                newState == MessageState.DELIVERED ? at : delivered, why);
    }
}
