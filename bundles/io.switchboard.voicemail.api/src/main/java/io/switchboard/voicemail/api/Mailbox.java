package io.switchboard.voicemail.api;

/**
 * A user's mailbox settings.
 *
 * @param user the user it belongs to
 * @param enabled whether calls that find nobody go to it, or null for the server's default
 * @param email where its messages are mailed as they come, or null for nowhere
 * @param deleteAfterMail whether a message mailed successfully leaves the mailbox
 * @param pinSet whether the mailbox has a PIN: without one it is reached from its owner's phone only
 * @param unsolicited whether the owner's phones are told of new messages without subscribing (an
 *        unsolicited NOTIFY on each change and when they register), for phones set up that way
 * @since 1.1 (unsolicited)
 */
public record Mailbox(String user, Boolean enabled, String email, boolean deleteAfterMail, boolean pinSet,
        boolean unsolicited) {

    /** The settings of version 1.0: no unsolicited message waiting. */
    public Mailbox(String user, Boolean enabled, String email, boolean deleteAfterMail, boolean pinSet) {
        this(user, enabled, email, deleteAfterMail, pinSet, false);
    }
}
