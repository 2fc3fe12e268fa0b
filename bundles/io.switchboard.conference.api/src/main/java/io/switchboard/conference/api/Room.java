package io.switchboard.conference.api;

/**
 * A conference room's settings.
 *
 * @param number the extension that reaches it ("7001"); numbers of the inventory may point to it
 * @param name what it is called ("Sales weekly")
 * @param pin what participants type to enter (4 to 12 digits), or null for none
 * @param moderatorPin what moderators type instead, or null for none
 * @param maxParticipants the most at once (callers past it are refused with 486), 0 for the server's limit
 * @param waitForModerator whether participants hear nothing of each other until a moderator joins
 * @param tones whether a tone tells the room of each participant who joins or leaves
 * @param record whether what is said in the room is recorded (a WAV file of the mix per session)
 */
public record Room(String number, String name, String pin, String moderatorPin, int maxParticipants,
        boolean waitForModerator, boolean tones, boolean record) {
}
