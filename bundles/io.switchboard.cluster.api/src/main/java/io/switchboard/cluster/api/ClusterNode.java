package io.switchboard.cluster.api;

import java.time.Instant;

/**
 * One server on the database, as it last said.
 *
 * @param name its name ({@code --node}, else its host's), unique on the database
 * @param version the Switchboard version it runs
 * @param started when it started
 * @param seen when it last said it was alive
 * @param alive whether it said so within {@link Cluster#LOST_AFTER_SECONDS}
 * @param lost when another server found it gone, or null
 * @param calls its calls in progress then
 * @param load its machine's load average over the last minute, or -1 where the system has none
 * @param processors the processors its JVM may use
 */
public record ClusterNode(String name, String version, Instant started, Instant seen, boolean alive, Instant lost,
        int calls, double load, int processors) {
}
