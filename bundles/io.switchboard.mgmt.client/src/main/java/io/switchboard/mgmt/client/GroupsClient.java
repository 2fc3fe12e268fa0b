package io.switchboard.mgmt.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ring and hunt groups of the management API ({@code /groups}). Blocks like {@link ManagementClient}:
 * call it from a job.
 *
 * @since 1.12
 */
public final class GroupsClient {

    /** A member: a user or a number, and how long it rings in a one-at-a-time strategy (0: the group's time). */
    public record Member(String member, int seconds) {
    }

    /** Whether the group's schedule lets its members ring now, and why. */
    public record Now(boolean open, String why) {
    }

    /**
     * A group as the API gives it.
     *
     * @param strategy ring_all, in_order, round_robin or longest_idle
     * @param noAnswer where a call nobody answered goes (a user, a number, a group, voicemail:USER), or null
     * @param schedule the hours in which the members ring, or null for always
     * @param closedDestination where calls go while the schedule is closed, or null
     * @param now whether it rings now (only read for one group with a schedule), or null
     */
    public record Group(String name, String extension, String strategy, int ringSeconds, List<Member> members,
            String noAnswer, String schedule, String closedDestination, Now now) {
    }

    private final ManagementClient api;

    public GroupsClient(ManagementClient api) {
        this.api = api;
    }

    public List<Group> all() throws ManagementException {
        return ApiCalls.list(api.get("groups"), Group.class);
    }

    public Group of(String name) throws ManagementException {
        return ApiCalls.read(api.get("groups/" + ApiCalls.path(name)), Group.class);
    }

    /** @throws ManagementException 400 naming a member or destination no call can reach, an extension taken */
    public Group save(Group g) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("extension", g.extension());
        body.put("strategy", g.strategy());
        body.put("ringSeconds", g.ringSeconds());
        body.put("members", g.members());
        body.put("noAnswer", blankToNull(g.noAnswer()));
        body.put("schedule", blankToNull(g.schedule()));
        body.put("closedDestination", blankToNull(g.closedDestination()));
        return ApiCalls.read(ApiCalls.put(api, "groups/" + ApiCalls.path(g.name()), body), Group.class);
    }

    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "groups/" + ApiCalls.path(name));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
