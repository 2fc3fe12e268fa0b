package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.List;

/**
 * The servers on one database ({@code /cluster/nodes}): each one's health, calls, load and version.
 * Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.15
 */
public final class ClusterClient {

    /**
     * One server, as it last said.
     *
     * @param alive whether it said so within the last 10 s
     * @param lost when another server found it silent and took over its calls' records, or null
     * @param load its machine's load average over a minute, or -1 where there is none
     */
    public record Node(String name, String version, Instant started, Instant seen, boolean alive, Instant lost,
            int calls, double load, int processors) {
    }

    /** @param self the name of the server the console talks to */
    public record Cluster(String self, List<Node> nodes) {
    }

    private final ManagementClient api;

    public ClusterClient(ManagementClient api) {
        this.api = api;
    }

    public Cluster nodes() throws ManagementException {
        return ApiCalls.read(api.get("cluster/nodes"), Cluster.class);
    }
}
