package io.switchboard.testcall.api;

import java.util.Objects;

/**
 * A test call placed again and again.
 *
 * @param name its name, 1 to 64 letters, digits, '.', '_' or '-'
 * @param trunk the trunk the call must leave through (the route of the number must list it), or null
 *            for whichever the routing picks
 * @param number what is dialled: an echo test number of the carrier, or a number of the inventory that
 *            comes back in to the server (a loop through the carrier)
 * @param intervalMinutes how often, 1 or more
 * @param answerSeconds how long it may ring before it counts as not answered
 * @param listenSeconds how long it listens once answered
 * @param audio what it must hear
 * @param minMos the lowest MOS that passes, 0 for no minimum
 * @param enabled a disabled schedule places no calls, but can still be run by hand
 * @param origin "config" for a .cfg file (read-only through the API), "api" for one made through it
 */
public record TestCallSchedule(String name, String trunk, String number, int intervalMinutes, int answerSeconds,
        int listenSeconds, AudioCheck audio, double minMos, boolean enabled, String origin) {

    public static final String CONFIG = "config";
    public static final String API = "api";

    public TestCallSchedule {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("Invalid name '" + name + "': 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (number == null || !number.matches("\\+?[0-9*#]{1,32}")) {
            throw new IllegalArgumentException("Invalid number '" + number + "' of test call " + name
                    + ": digits, an optional leading +, * and #");
        }
        if (intervalMinutes < 1) {
            throw new IllegalArgumentException("Invalid intervalMinutes " + intervalMinutes + " of test call " + name
                    + ": 1 or more");
        }
        if (answerSeconds < 1 || answerSeconds > 300 || listenSeconds < 1 || listenSeconds > 120) {
            throw new IllegalArgumentException("Invalid times of test call " + name + ": answerSeconds 1 to 300, "
                    + "listenSeconds 1 to 120");
        }
        if (minMos < 0 || minMos > 5) {
            throw new IllegalArgumentException("Invalid minMos " + minMos + " of test call " + name + ": 0 to 5");
        }
        trunk = trunk == null || trunk.isBlank() ? null : trunk.trim();
        audio = audio == null ? AudioCheck.ECHO : audio;
    }
}
