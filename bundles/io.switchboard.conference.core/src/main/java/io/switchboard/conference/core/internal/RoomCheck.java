package io.switchboard.conference.core.internal;

import io.switchboard.conference.api.Room;
import io.switchboard.sip.api.provisioning.UserService;

/** What a room's settings must be; each refusal names the field. */
final class RoomCheck {

    private RoomCheck() {
    }

    /** @throws IllegalArgumentException naming the bad field */
    static void check(Room room, UserService users) {
        if (room.number() == null || !room.number().matches("[0-9A-Za-z*+._-]{1,32}")) {
            throw new IllegalArgumentException("number: 1 to 32 digits, letters or * + . _ -");
        }
        if (users.user(room.number()).isPresent()) {
            throw new IllegalArgumentException("number: " + room.number() + " is a user's name: calls to it would "
                    + "reach the user");
        }
        for (String[] pin : new String[][] { { "pin", room.pin() }, { "moderatorPin", room.moderatorPin() } }) {
            if (pin[1] != null && !pin[1].matches("[0-9]{4,12}")) {
                throw new IllegalArgumentException(pin[0] + ": 4 to 12 digits, or null for none");
            }
        }
        if (room.pin() != null && room.pin().equals(room.moderatorPin())) {
            throw new IllegalArgumentException("moderatorPin: must differ from pin");
        }
        if (room.maxParticipants() < 0) {
            throw new IllegalArgumentException("maxParticipants: 0 (the server's limit) or more");
        }
        if (room.name() != null && room.name().length() > 200) {
            throw new IllegalArgumentException("name: at most 200 characters");
        }
    }
}
