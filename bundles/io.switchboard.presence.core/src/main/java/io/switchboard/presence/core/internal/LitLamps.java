package io.switchboard.presence.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users whose busy lamps each call lit. A leg that ends by CANCEL, forward, pickup or timeout is
 * not always named by an event of its own: the call's next event names someone else, or the call
 * ends naming the last one. Whoever the call lit and no longer names goes dark then; a call the
 * switch no longer holds leaves every lamp it lit. Not thread-safe: one worker keeps it.
 */
final class LitLamps {

    private static final class Lit {
        final Set<String> users = new HashSet<>();
        Instant seen;
    }

    private final Map<String, Lit> byCall = new HashMap<>();

    /**
     * @param parties the users the event shows in the call (its caller, its callee once rung)
     * @param ended whether the call ended
     * @return the users the call lit that the event no longer names: their part in it is over
     */
    List<String> event(String id, Set<String> parties, boolean ended, Instant now) {
        Lit lit = byCall.computeIfAbsent(id, k -> new Lit());
        lit.seen = now;
        List<String> over = new ArrayList<>();
        for (String user : lit.users) {
            if (!parties.contains(user)) {
                over.add(user);
            }
        }
        if (ended) {
            byCall.remove(id);
        } else {
            lit.users.removeAll(over);
            lit.users.addAll(parties);
        }
        return over;
    }

    /**
     * @param held the ids of the calls the switch holds now
     * @return by call, the users still lit by calls the switch no longer holds and has not spoken of
     *         since {@code before}; they are forgotten
     */
    Map<String, Set<String>> stale(Set<String> held, Instant before) {
        Map<String, Set<String>> gone = new LinkedHashMap<>();
        byCall.entrySet().removeIf(e -> {
            if (held.contains(e.getKey()) || !e.getValue().seen.isBefore(before)) {
                return false;
            }
            gone.put(e.getKey(), Set.copyOf(e.getValue().users));
            return true;
        });
        return gone;
    }

    boolean isEmpty() {
        return byCall.isEmpty();
    }
}
