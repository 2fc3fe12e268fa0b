package io.switchboard.voicemail.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

/** Mailbox PINs typed on phones, and the lockout of a mailbox after too many wrong ones. */
final class PinLogins {

    static final int MAX_FAILURES = 5;
    static final int LOCK_MINUTES = 15;
    private static final Logger LOG = System.getLogger(PinLogins.class.getName());

    private final MessageTable table;

    PinLogins(MessageTable table) {
        this.table = table;
    }

    /**
     * Checks a PIN typed on a phone (PBKDF2: call it off the audio and SIP threads). After
     * {@value #MAX_FAILURES} wrong PINs in a row the mailbox takes none for {@value #LOCK_MINUTES}
     * minutes, the right one included; the count lives in the database, so that hanging up and
     * calling again, or calling another server, gains nothing.
     *
     * @param from who is trying, for the log
     */
    boolean login(String user, String pin, String from) {
        MessageTable.PinState state = table.pin(user);
        Instant now = Instant.now();
        if (state.hash() == null || state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
            return false;
        }
        if (Pins.matches(pin, state.hash())) {
            if (state.failures() > 0) {
                table.failed(user, 0, null);
            }
            return true;
        }
        int failures = state.failures() + 1;
        Instant lock = failures >= MAX_FAILURES ? now.plusSeconds(LOCK_MINUTES * 60L) : null;
        table.failed(user, lock == null ? failures : 0, lock);
        if (lock != null) {
            LOG.log(Level.WARNING, "Mailbox " + user + " locked for " + LOCK_MINUTES + " minutes after " + failures
                    + " wrong PINs, the last from " + from);
        }
        return false;
    }
}
