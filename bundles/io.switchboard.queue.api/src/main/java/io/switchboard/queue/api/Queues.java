package io.switchboard.queue.api;

import java.util.List;
import java.util.Map;
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

    /**
     * @return every user's skills with their levels, 1 (a beginner) to 10, by user; users without skills are absent
     * @since 1.1
     */
    Map<String, Map<String, Integer>> skills();

    /**
     * Replaces a user's skills: the queues that need one ring them by it at once, on every server.
     *
     * @param skills each skill's level, 1 to 10; empty removes them all
     * @return the user's skills as stored
     * @throws IllegalArgumentException naming what is wrong: no such user, a bad skill's name or level
     * @since 1.1
     */
    Map<String, Integer> saveSkills(String user, Map<String, Integer> skills);

    /**
     * @return the seconds within which an agent's answer counts for the service level: the wallboard's, the reports'
     *         and the KPIs' threshold (the queues' setting {@code serviceLevelSeconds})
     * @since 1.4
     */
    default int serviceLevelSeconds() {
        return 20;
    }

    /**
     * @return the seconds under which a caller who hangs up is a short abandon, counted apart (the queues' setting
     *         {@code shortAbandonSeconds})
     * @since 1.4
     */
    default int shortAbandonSeconds() {
        return 5;
    }
}
