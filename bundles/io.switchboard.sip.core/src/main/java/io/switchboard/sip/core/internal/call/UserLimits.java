package io.switchboard.sip.core.internal.call;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.sip.api.provisioning.CallingPolicy;

/**
 * Each user's calls through trunks: how many are up at once and how many began in the last minute,
 * against its calling policy. A stolen password is used to call expensive numbers as fast as the
 * switch lets it; these limits hold the damage to a few calls until someone looks.
 */
final class UserLimits {

    private static final long MINUTE_MILLIS = 60_000;

    /** One user's calls; guarded by itself. */
    private static final class Usage {
        int active;
        final ArrayDeque<Long> started = new ArrayDeque<>();
    }

    private final Map<String, Usage> users = new ConcurrentHashMap<>();

    /**
     * Counts a call the user starts through a trunk, unless a limit refuses it.
     *
     * @return why the call is refused (naming the rule), or null when it was counted
     */
    String admit(String user, CallingPolicy policy, long now) {
        Usage u = users.computeIfAbsent(user, k -> new Usage());
        synchronized (u) {
            while (!u.started.isEmpty() && now - u.started.peekFirst() >= MINUTE_MILLIS) {
                u.started.removeFirst();
            }
            if (policy.maxCalls() != null && policy.maxCalls() > 0 && u.active >= policy.maxCalls()) {
                return "Calling limit: " + user + " has " + u.active + " calls through trunks at once (maxCalls "
                        + policy.maxCalls() + ")";
            }
            if (policy.callsPerMinute() != null && policy.callsPerMinute() > 0
                    && u.started.size() >= policy.callsPerMinute()) {
                return "Calling limit: " + user + " started " + u.started.size() + " calls through trunks in the "
                        + "last minute (callsPerMinute " + policy.callsPerMinute() + ")";
            }
            u.active++;
            u.started.addLast(now);
            return null;
        }
    }

    /** A call counted by {@link #admit} ended. */
    void ended(String user) {
        Usage u = users.get(user);
        if (u == null) {
            return;
        }
        synchronized (u) {
            u.active = Math.max(0, u.active - 1);
            if (u.active == 0 && u.started.isEmpty()) {
                users.remove(user, u);
            }
        }
    }
}
