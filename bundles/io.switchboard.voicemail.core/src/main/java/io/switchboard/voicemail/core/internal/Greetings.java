package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The greetings users record from their phones: a WAV per mailbox beside its messages. */
final class Greetings {

    /** The longest greeting a user may record. */
    static final int GREETING_SECONDS = 60;
    private static final Logger LOG = System.getLogger(Greetings.class.getName());

    private final Path folder;

    /** @param folder the voicemail folder, a folder per mailbox in it */
    Greetings(Path folder) {
        this.folder = folder;
    }

    /** @return the greeting the mailbox's owner recorded, if any */
    Optional<Clip> get(String mailbox) {
        Path file = folder.resolve(mailbox).resolve("greeting-unavailable.wav");
        try {
            return Files.isRegularFile(file) ? Optional.of(Clip.read(file)) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Greeting of " + mailbox + " unreadable, the shipped one plays: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps a greeting the owner recorded from their phone (its silent end trimmed), if it says something. */
    void keep(String mailbox, Clip recorded) {
        Clip clip = recorded.trimmed(VoicemailService.SILENCE);
        if (clip.seconds() < 1) {
            LOG.log(Level.INFO, "Greeting of " + mailbox + " not kept: less than a second of sound");
            return;
        }
        try {
            clip.write(Files.createDirectories(folder.resolve(mailbox)).resolve("greeting-unavailable.wav"));
            LOG.log(Level.INFO, "Mailbox " + mailbox + " has a new greeting: " + Math.round(clip.seconds()) + " s");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Greeting of " + mailbox + " lost: " + e.getMessage());
        }
    }
}
