package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.switchboard.media.audio.Clip;

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

    /** What a greeting is for. */
    enum Kind {
        /** Played when the user does not answer or cannot be reached. */
        UNAVAILABLE,
        /** Played when the user is busy. */
        BUSY,
        /** The user's name, said in the shipped greeting when there is no recorded one. */
        NAME;

        String file() {
            return "greeting-" + name().toLowerCase(Locale.ROOT) + ".wav";
        }
    }

    /** @return the greeting of that kind the mailbox's owner recorded, if any */
    Optional<Clip> get(String mailbox, Kind kind) {
        Path file = folder.resolve(mailbox).resolve(kind.file());
        try {
            return Files.isRegularFile(file) ? Optional.of(Clip.read(file)) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Greeting " + kind + " of " + mailbox + " unreadable, the shipped one plays: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps a greeting the owner recorded from their phone (its silent end trimmed), if it says something. */
    void keep(String mailbox, Kind kind, Clip recorded) {
        Clip clip = recorded.trimmed(VoicemailService.SILENCE);
        if (clip.seconds() < 1) {
            LOG.log(Level.INFO, "Greeting " + kind + " of " + mailbox + " not kept: less than a second of sound");
            return;
        }
        try {
            clip.write(Files.createDirectories(folder.resolve(mailbox)).resolve(kind.file()));
            LOG.log(Level.INFO, "Mailbox " + mailbox + " has a new " + kind.name().toLowerCase(Locale.ROOT)
                    + " greeting: " + Math.round(clip.seconds()) + " s");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Greeting " + kind + " of " + mailbox + " lost: " + e.getMessage());
        }
    }
}
