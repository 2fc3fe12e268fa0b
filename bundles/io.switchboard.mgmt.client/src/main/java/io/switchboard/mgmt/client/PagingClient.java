package io.switchboard.mgmt.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Page groups in the management API ({@code /paging/groups}). A group is saved with the version it was read at: the
 * server refuses it (412) when someone changed it meanwhile. Blocks like {@link ManagementClient}: call it from a
 * job.
 *
 * @since 1.17
 */
public final class PagingClient {

    /** A page group as the server keeps it; {@code version} 0 for one not stored yet. */
    public record PageGroup(String name, List<String> members, boolean duplex, String description, long version) {
    }

    private final ManagementClient api;

    public PagingClient(ManagementClient api) {
        this.api = api;
    }

    public List<PageGroup> all() throws ManagementException {
        return ApiCalls.list(api.get("paging/groups"), PageGroup.class);
    }

    /**
     * Creates the group (version 0) or changes it from the version it was read at.
     *
     * @throws ManagementException 400 naming the first bad field; 412 when it was changed (or made) meanwhile
     */
    public PageGroup save(PageGroup g) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("members", g.members());
        body.put("duplex", g.duplex());
        body.put("description", g.description() == null || g.description().isBlank() ? null : g.description().trim());
        body.put("version", g.version());
        return ApiCalls.read(ApiCalls.put(api, "paging/groups/" + ApiCalls.path(g.name()), body), PageGroup.class);
    }

    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "paging/groups/" + ApiCalls.path(name));
    }
}
