package io.switchboard.cluster.api;

import java.util.List;

/**
 * The servers on this database, this one among them. Each says it is alive every
 * {@link #HEARTBEAT_SECONDS}; one silent for {@link #LOST_AFTER_SECONDS} is lost, and the first
 * server to find that posts {@link #NODE_LOST}, once.
 */
public interface Cluster {

    int HEARTBEAT_SECONDS = 2;
    int LOST_AFTER_SECONDS = 10;

    /** Event Admin topic: a server stopped saying it is alive (property {@link #NODE}). */
    String NODE_LOST = "io/switchboard/cluster/NODE_LOST";

    /** The lost server's name, in {@link #NODE_LOST} events. */
    String NODE = "node";

    /** Framework property with this server's name; the host's name when unset. */
    String NODE_PROPERTY = "switchboard.node";

    /** @return this server's name */
    String self();

    /** @return every server on the database, by name, this one among them */
    List<ClusterNode> nodes();
}
