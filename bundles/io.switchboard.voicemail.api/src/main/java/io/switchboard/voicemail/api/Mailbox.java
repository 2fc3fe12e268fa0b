package io.switchboard.voicemail.api;

/**
 * A user's mailbox settings.
 *
 * @param user the user it belongs to
 * @param enabled whether calls that find nobody go to it, or null for the server's default
 * @param email where its messages are mailed as they come, or null for nowhere
 * @param deleteAfterMail whether a message mailed successfully leaves the mailbox
 * @param pinSet whether the mailbox has a PIN: without one it is reached from its owner's phone only
 */
public record Mailbox(String user, Boolean enabled, String email, boolean deleteAfterMail, boolean pinSet) {
}
