package io.switchboard.conference.core.internal;

import io.switchboard.conference.api.Room;

/**
 * A caller typing a room's PIN, then #: the moderator PIN makes a moderator, the participant PIN
 * (or # alone when the room has only a moderator PIN) a participant. Three wrong tries end the call;
 * {@link PinGuard} counts them across calls.
 */
final class PinEntry {

    /** What a finished entry decided. */
    enum Outcome { TYPING, PARTICIPANT, MODERATOR, WRONG, REFUSED }

    static final int TRIES = 3;

    private final StringBuilder typed = new StringBuilder();
    private int wrong;
    /** Who types: {@link PinGuard} counts its wrong PINs. */
    final PinGuard.Caller caller;

    PinEntry(PinGuard.Caller caller) {
        this.caller = caller;
    }

    /** @return whether a caller to the room types a PIN before entering */
    static boolean needed(Room room) {
        return room.pin() != null || room.moderatorPin() != null;
    }

    synchronized Outcome digit(int digit, Room room) {
        if (digit != '#') {
            if (Character.isDigit(digit) && typed.length() < 20) {
                typed.append((char) digit);
            }
            return Outcome.TYPING;
        }
        String pin = typed.toString();
        typed.setLength(0);
        if (room.moderatorPin() != null && room.moderatorPin().equals(pin)) {
            return Outcome.MODERATOR;
        }
        if (room.pin() != null ? room.pin().equals(pin) : pin.isEmpty()) {
            return Outcome.PARTICIPANT;
        }
        return ++wrong >= TRIES ? Outcome.REFUSED : Outcome.WRONG;
    }
}
