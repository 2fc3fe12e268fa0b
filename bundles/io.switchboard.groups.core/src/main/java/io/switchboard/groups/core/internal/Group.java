package io.switchboard.groups.core.internal;

import java.util.List;
import java.util.Locale;

/**
 * A ring or hunt group as admins set it.
 *
 * @param name its name, as records name it
 * @param extension what callers dial (or a number's destination names) to reach it
 * @param strategy how its members are rung
 * @param ringSeconds how long each member rings (ring all: how long the members ring together)
 * @param members in order
 * @param noAnswer where a call nobody answered goes: a user, a number, another group's extension,
 *            {@code voicemail:USER}; null to answer 480
 * @param schedule the schedule of the hours in which the members ring, or null for always
 * @param closed where calls go while the schedule is closed (same kinds as {@code noAnswer}); null
 *            to answer 480
 */
record Group(String name, String extension, Strategy strategy, int ringSeconds, List<Member> members,
        String noAnswer, String schedule, String closed) {

    Group(String name, String extension, Strategy strategy, int ringSeconds, List<Member> members, String noAnswer) {
        this(name, extension, strategy, ringSeconds, members, noAnswer, null, null);
    }

    /** How a group's members are rung. */
    enum Strategy {
        /** Every member at once. */
        RING_ALL,
        /** One after another, first to last. */
        IN_ORDER,
        /** One after another, starting after the member who answered the last call. */
        ROUND_ROBIN,
        /** One after another, the member whose last call ended longest ago first. */
        LONGEST_IDLE;

        static Strategy of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("strategy: ring_all, in_order, round_robin or longest_idle, not '"
                        + s + "'");
            }
        }

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param seconds how long this member rings in a one-at-a-time strategy, 0 for the group's time */
    record Member(String member, int seconds) {
    }

    Group {
        members = List.copyOf(members);
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (extension == null || !extension.matches("[A-Za-z0-9*#+._-]{1,64}")) {
            throw new IllegalArgumentException("extension: what callers dial, 1 to 64 of letters, digits, * # + . _ -");
        }
        if (ringSeconds < 5 || ringSeconds > 300) {
            throw new IllegalArgumentException("ringSeconds: 5 to 300, not " + ringSeconds);
        }
        if (members.isEmpty() && noAnswer == null) {
            throw new IllegalArgumentException("members: at least one, or a noAnswer destination");
        }
        for (Member m : members) {
            if (m.member() == null || !m.member().matches("[A-Za-z0-9*#+._-]{1,64}")) {
                throw new IllegalArgumentException("members: '" + m.member() + "' is no user or number");
            }
            if (m.seconds() != 0 && (m.seconds() < 5 || m.seconds() > 300)) {
                throw new IllegalArgumentException("members: " + m.member() + "'s seconds 0 (the group's) or 5 to 300");
            }
        }
        noAnswer = noAnswer == null || noAnswer.isBlank() ? null : noAnswer.trim();
        schedule = schedule == null || schedule.isBlank() ? null : schedule.trim();
        closed = closed == null || closed.isBlank() ? null : closed.trim();
        if (closed != null && schedule == null) {
            throw new IllegalArgumentException("closedDestination: it takes calls while the group's schedule is "
                    + "closed, and the group has no schedule");
        }
    }
}
