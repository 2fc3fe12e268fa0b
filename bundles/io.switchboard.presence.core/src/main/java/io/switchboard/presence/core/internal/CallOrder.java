package io.switchboard.presence.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each recent call has gone (trying, early, confirmed, terminated), so that an event that
 * overtook a later one of the same call is not shown: Event Admin keeps the order of one thread's
 * events only, and a call's answer and its end are posted by different SIP threads. Under load an end
 * came first, and the late answer lit the lamp again. Touched by the lamps' worker alone; bounded.
 */
final class CallOrder {

    static final int CAPACITY = 10_000;
    private static final List<String> STATES = List.of("trying", "early", "confirmed", "terminated");

    private final Map<String, Integer> reached = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return whether the call's new state is not behind one it has already shown */
    boolean advances(String call, String state) {
        int rank = STATES.indexOf(state);
        Integer before = reached.get(call);
        if (before != null && rank < before) {
            return false;
        }
        reached.put(call, rank);
        return true;
    }
}
