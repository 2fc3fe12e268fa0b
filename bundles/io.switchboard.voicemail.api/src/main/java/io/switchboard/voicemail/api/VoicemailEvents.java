package io.switchboard.voicemail.api;

/**
 * The Event Admin events of voicemail: their topics and property names (since 1.2). Posted
 * asynchronously once a message is kept; a handler must not block.
 */
public final class VoicemailEvents {

    /** A caller left a message, and it is kept in the mailbox. */
    public static final String LEFT = "io/switchboard/voicemail/LEFT";

    /** The mailbox's user. */
    public static final String MAILBOX = "mailbox";
    /** The message's id (a Long), as {@link Voicemail} knows it. */
    public static final String ID = "id";
    /** Who called: a user, or the number a trunk gave. */
    public static final String CALLER = "caller";
    /** The caller's name, when the call had one (absent otherwise). */
    public static final String CALLER_NAME = "callerName";
    /** How long the message is, in seconds (an Integer). */
    public static final String SECONDS = "seconds";
    /** The switch's id of the call that left it (as in the call events and records). */
    public static final String CALL_ID = "callId";

    private VoicemailEvents() {
    }
}
