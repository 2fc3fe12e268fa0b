package io.switchboard.queue.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.store.api.StaleVersionException;

/**
 * The queues and their agents. Queues and agents' logins are kept in the database, so every server behind the
 * edge has the same; callers wait on the server that answered them.
 */
@ProviderType
public interface Queues {

    /** @return every queue, by name */
    List<CallQueue> queues();

    Optional<CallQueue> queue(String name);

    /**
     * Stores a queue, checked first: a name a user has, a member who is no user, a bad time, is refused naming it.
     *
     * @param expectedVersion the version the change was made against: 0 for a new queue, -1 for whatever is stored
     * @return the queue as stored, with its new version
     * @throws IllegalArgumentException naming what is wrong
     * @throws StaleVersionException when the stored queue is not at {@code expectedVersion}
     */
    CallQueue save(CallQueue queue, long expectedVersion);

    /** @return false when there was no such queue */
    boolean delete(String name);

    /**
     * @return the queue's live figures, from this server
     * @throws IllegalArgumentException when there is no such queue
     */
    QueueStatus status(String name);

    /**
     * Logs a user in to a queue (ready), out of it, or pauses them with a reason: as the agent's feature codes do.
     *
     * @param state {@link AgentState.State#READY}, {@link AgentState.State#PAUSED} or {@link
     *            AgentState.State#LOGGED_OUT}
     * @param reason why the agent pauses, or null
     * @return the agent's state after the change
     * @throws IllegalArgumentException naming why not (no such queue or user, a member logging out, a queue that
     *             takes no logins)
     */
    AgentState agent(String queue, String user, AgentState.State state, String reason);
}
