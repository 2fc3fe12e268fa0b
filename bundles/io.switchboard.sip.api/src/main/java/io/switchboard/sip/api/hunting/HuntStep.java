package io.switchboard.sip.api.hunting;

import java.util.List;

/**
 * Members rung together: every phone of each user member and each number member at once, for at
 * most {@code seconds}; the first to answer takes the call.
 *
 * @param members user names or numbers (a number leaves through the route that takes it)
 * @param seconds how long they ring before the next step, 1 or more
 */
public record HuntStep(List<String> members, int seconds) {

    public HuntStep {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("A hunt step rings at least one member");
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("Invalid ring time " + seconds + ": 1 second or more");
        }
    }
}
