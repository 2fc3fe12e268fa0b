package io.switchboard.sip.api.provisioning;

import java.util.List;

/**
 * A number of the inventory (a DID), with where its calls go.
 *
 * @param number the number in E.164 form, "+" and 7 to 15 digits
 * @param destination the user its calls go to, or null for a number not in service
 * @param description free text, or null
 * @param emergencyAddress the civic address sent with emergency calls from it, or null
 * @param tags free labels
 * @param schedule the schedule of the hours in which calls go to {@code destination}, or null for
 *            always (since 1.5)
 * @param closedDestination where calls go while the schedule is closed: a user, a group or call
 *            target, or {@code voicemail:USER} for a user's mailbox; null to answer 480 (since 1.5)
 * @param lifecycle its state, carrier, cost and dates; never null ({@link NumberLifecycle#IN_SERVICE}
 *            when not given) (since 1.6)
 * @param version raised by each change of the number, 0 for one not stored yet (since 1.8)
 */
public record PhoneNumber(String number, String destination, String description, String emergencyAddress,
        List<String> tags, String schedule, String closedDestination, NumberLifecycle lifecycle, long version) {

    public PhoneNumber {
        lifecycle = lifecycle == null ? NumberLifecycle.IN_SERVICE : lifecycle;
    }

    /** A number not stored yet, or whose version is not known (the record of version 1.7). */
    public PhoneNumber(String number, String destination, String description, String emergencyAddress,
            List<String> tags, String schedule, String closedDestination, NumberLifecycle lifecycle) {
        this(number, destination, description, emergencyAddress, tags, schedule, closedDestination, lifecycle, 0);
    }

    /** A number in service, as numbers were before 1.6. */
    public PhoneNumber(String number, String destination, String description, String emergencyAddress,
            List<String> tags, String schedule, String closedDestination) {
        this(number, destination, description, emergencyAddress, tags, schedule, closedDestination, null);
    }

    /** A number whose calls always go to its destination, as numbers were before 1.5. */
    public PhoneNumber(String number, String destination, String description, String emergencyAddress,
            List<String> tags) {
        this(number, destination, description, emergencyAddress, tags, null, null, null);
    }
}
