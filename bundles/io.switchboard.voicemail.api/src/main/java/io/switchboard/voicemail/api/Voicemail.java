package io.switchboard.voicemail.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The voicemail service: mailboxes and their messages. */
@ProviderType
public interface Voicemail {

    /** @return the mailbox's messages, newest first */
    List<VoiceMessage> messages(String mailbox);

    Optional<VoiceMessage> message(long id);

    /** @return the message's audio: a WAV file, 16-bit PCM mono at 8 or 16 kHz */
    Optional<Path> audio(long id);

    /** Deletes a message and its audio; message waiting follows. @return whether there was one */
    boolean delete(long id);

    /** Marks a message heard (or new again); message waiting follows. @return whether there was one */
    boolean heard(long id, boolean heard);

    /** @return the user's mailbox settings (defaults when never set) */
    Mailbox mailbox(String user);

    /** @return whether calls that find the user go to their mailbox: its own setting, else the server's default */
    boolean enabled(String user);

    /** Saves a user's mailbox settings (its PIN stays as it is). @throws IllegalArgumentException naming a bad value */
    void save(Mailbox mailbox);

    /**
     * Sets the mailbox's PIN, which reaches it from any phone; it is kept hashed, never as given.
     *
     * @throws IllegalArgumentException unless 4 to 12 digits
     */
    void pin(String user, String pin);
}
