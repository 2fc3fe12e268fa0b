package io.switchboard.conference.core.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.switchboard.conference.api.Room;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;

/** What the rooms' settings allow and whom a room may call: checked once, apart from the bridge's work. */
final class RoomRules {

    private RoomRules() {
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    static void check(ConferenceSettings settings) {
        if (settings.maxParticipants() < 2) {
            throw new IllegalArgumentException("Invalid setting " + ConferenceSettings.PID + " maxParticipants="
                    + settings.maxParticipants() + ": at least 2");
        }
        if (settings.mediaTimeoutSeconds() < 0) {
            throw new IllegalArgumentException("Invalid setting " + ConferenceSettings.PID + " mediaTimeoutSeconds="
                    + settings.mediaTimeoutSeconds() + ": 0 (never) or more");
        }
        if (!settings.inviteClass().trim().toUpperCase(Locale.ROOT).matches("INTERNAL|NATIONAL|INTERNATIONAL")) {
            throw new IllegalArgumentException("Invalid setting " + ConferenceSettings.PID + " inviteClass="
                    + settings.inviteClass() + ": INTERNAL, NATIONAL or INTERNATIONAL");
        }
    }

    /** @return the users who may watch every room's roster (operators' consoles) */
    /** @return how many a room takes: its own limit, within the servers' */
    static int limit(Room room, ConferenceSettings settings) {
        return room.maxParticipants() > 0 ? Math.min(room.maxParticipants(), settings.maxParticipants())
                : settings.maxParticipants();
    }

    static List<String> rosterWatchers(ConferenceSettings settings) {
        // a .cfg file's value is one string: "erin, frank" names two users
        return Arrays.stream(settings.rosterWatchers()).flatMap(w -> Arrays.stream(w.split(","))).map(String::trim)
                .filter(w -> !w.isEmpty()).toList();
    }

    /**
     * @param row the room, or null when there is none
     * @return the room, which may call the target now
     * @throws IllegalArgumentException naming why not: no room, no target, a target a room never calls, locked
     */
    static Room invitable(RoomTable.Row row, String number, String target, RoutingService routing) {
        if (row == null) {
            throw new IllegalArgumentException("No room " + number);
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("Whom to invite: a user, an extension or a number");
        }
        refuseSpecial(target.trim(), routing);
        if (row.locked()) {
            throw new IllegalArgumentException("Room " + number + " is locked");
        }
        return row.room();
    }

    /**
     * A room calls numbers and users only: a feature code would change the rooms' account's settings, and an
     * emergency number would reach the emergency services as the rooms' account, with no location.
     *
     * @param routing the switch's routing, or null while it is not running
     * @throws IllegalArgumentException naming why the room may not call the target
     */
    private static void refuseSpecial(String target, RoutingService routing) {
        if (target.indexOf('*') >= 0 || target.indexOf('#') >= 0 || target.indexOf('%') >= 0) {
            // the room's phone writes the target into a SIP address, where %2A is a *
            throw new IllegalArgumentException(target + " is a feature code or holds an escape: a room invites "
                    + "numbers and users only");
        }
        if (routing != null && routing.route(new RouteRequest(null, null, target, Instant.now())).emergency()) {
            throw new IllegalArgumentException(target + " is an emergency number: a room never calls one");
        }
    }
}
