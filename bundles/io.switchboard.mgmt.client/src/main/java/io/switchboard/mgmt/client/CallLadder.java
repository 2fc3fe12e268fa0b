package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.List;

/**
 * A switch call's SIP ladder as {@code GET /cdr/records/{id}/ladder} gives it: both legs' messages in
 * the order the switch saw them.
 *
 * @param callId the caller's Call-ID
 * @param started when the call began
 * @param dropped messages past the ladder's bound, counted but not kept
 * @param messages the messages kept
 * @since 1.23
 */
public record CallLadder(String callId, Instant started, int dropped, List<Message> messages) {

    public CallLadder {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /**
     * One message.
     *
     * @param time when the switch received or sent it
     * @param leg A (the caller's) or B (towards the callee)
     * @param direction in (to the switch) or out (from it)
     * @param peer the other end's host:port
     * @param local the switch's own host:port, or null in ladders kept before it was
     * @param firstLine the request or status line
     * @param message the whole message, secrets masked
     */
    public record Message(Instant time, String leg, String direction, String peer, String local, String firstLine,
            String message) {

        /** @return whether the switch received it */
        public boolean incoming() {
            return "in".equals(direction);
        }
    }
}
