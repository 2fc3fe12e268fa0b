package io.switchboard.mgmt.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call forwarding of the management API ({@code /forwarding}): each user's rules and call waiting. Blocks like
 * {@link ManagementClient}: call it from a job.
 *
 * @since 1.11
 */
public final class ForwardingClient {

    /**
     * A user's forwarding and call waiting; a destination is a user, a number or "voicemail", null for none.
     *
     * @param noAnswerSeconds how long the phones ring first, 0 for the switch's ring timeout
     * @param callWaiting whether a call reaches the user while it is in another (off: busy)
     * @param maxCalls the most calls at once, 0 for no limit
     * @param schedule the user's hours, outside which "always" holds; null for always (since 1.12)
     * @param rejectAnonymous whether calls that withhold the caller's number are refused (since 1.12)
     */
    public record Forwarding(String user, String always, String busy, String noAnswer, int noAnswerSeconds,
            String unavailable, boolean callWaiting, int maxCalls, String schedule, boolean rejectAnonymous) {

        public Forwarding(String user, String always, String busy, String noAnswer, int noAnswerSeconds,
                String unavailable, boolean callWaiting, int maxCalls) {
            this(user, always, busy, noAnswer, noAnswerSeconds, unavailable, callWaiting, maxCalls, null, false);
        }
    }

    private final ManagementClient api;

    public ForwardingClient(ManagementClient api) {
        this.api = api;
    }

    /** @return the users that forward something */
    public List<Forwarding> all() throws ManagementException {
        return ApiCalls.list(api.get("forwarding/users"), Forwarding.class);
    }

    public Forwarding of(String user) throws ManagementException {
        return ApiCalls.read(api.get("forwarding/users/" + ApiCalls.path(user)), Forwarding.class);
    }

    /**
     * Sets every rule of the user; a blank destination clears its rule.
     *
     * @throws ManagementException 400 naming the rule whose destination the user may not reach, and why
     */
    public Forwarding save(Forwarding f) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("always", blankToNull(f.always()));
        body.put("busy", blankToNull(f.busy()));
        body.put("noAnswer", blankToNull(f.noAnswer()));
        body.put("noAnswerSeconds", f.noAnswerSeconds());
        body.put("unavailable", blankToNull(f.unavailable()));
        body.put("callWaiting", f.callWaiting());
        body.put("maxCalls", f.maxCalls());
        body.put("schedule", blankToNull(f.schedule()));
        body.put("rejectAnonymous", f.rejectAnonymous());
        return ApiCalls.read(ApiCalls.put(api, "forwarding/users/" + ApiCalls.path(f.user()), body), Forwarding.class);
    }

    public boolean clear(String user) throws ManagementException {
        return ApiCalls.delete(api, "forwarding/users/" + ApiCalls.path(user));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
