package io.switchboard.queue.api;

import java.util.List;

/**
 * A queue: callers wait in line, hearing music and their place, until one of its agents is free.
 *
 * @param name the extension that reaches it ("600"); a number of the inventory may name it as its destination
 * @param strategy which free agent takes the next caller
 * @param members the users who are always agents of the queue (they may pause, not log out)
 * @param dynamic whether other users may log in and out of it (feature codes, the API, the console)
 * @param ringSeconds how long an agent's phones ring before the caller is offered to the next agent
 * @param wrapUpSeconds how long an agent rests after a queue call before the next is offered
 * @param maxWaitSeconds how long a caller waits at most before the overflow
 * @param maxCallers how many callers may wait at once; one more goes to the overflow at once
 * @param overflow where a caller goes after the longest wait, when the line is full, or when no agent is logged
 *            in: a user, a group, a menu, another queue, a mailbox ({@code voicemail:alice}); null ends the call
 * @param announceSeconds how often a caller hears their place in line and the expected wait (0: never)
 * @param callback whether a caller may press 1 to keep their place and be called back when an agent is free
 * @param skill what the queue's callers need ("french"): only agents with that skill are rung, and the
 *            {@link Strategy#SKILL} strategy rings the most skilled first; null: every agent (since 1.1)
 * @param music the music class its callers hear ("sales"); null: the default class (since 1.3)
 * @param description the admin's note
 * @param version the stored version (0 before it is stored): a change made against another is refused
 */
public record CallQueue(String name, Strategy strategy, List<String> members, boolean dynamic, int ringSeconds,
        int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds, boolean callback,
        String skill, String music, String description, long version) {

    public CallQueue {
        members = members == null ? List.of() : List.copyOf(members);
        strategy = strategy == null ? Strategy.LONGEST_IDLE : strategy;
    }

    /** A queue whose callers hear the default music (the record of version 1.1). */
    public CallQueue(String name, Strategy strategy, List<String> members, boolean dynamic, int ringSeconds,
            int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
            boolean callback, String skill, String description, long version) {
        this(name, strategy, members, dynamic, ringSeconds, wrapUpSeconds, maxWaitSeconds, maxCallers, overflow,
                announceSeconds, callback, skill, null, description, version);
    }

    /** A queue whose callers need no skill (the record of version 1.0). */
    public CallQueue(String name, Strategy strategy, List<String> members, boolean dynamic, int ringSeconds,
            int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
            boolean callback, String description, long version) {
        this(name, strategy, members, dynamic, ringSeconds, wrapUpSeconds, maxWaitSeconds, maxCallers, overflow,
                announceSeconds, callback, null, null, description, version);
    }

    /** @return this queue as stored at {@code version} */
    public CallQueue withVersion(long version) {
        return new CallQueue(name, strategy, members, dynamic, ringSeconds, wrapUpSeconds, maxWaitSeconds, maxCallers,
                overflow, announceSeconds, callback, skill, music, description, version);
    }

    /** Which free agent takes the next caller. */
    public enum Strategy {
        /** The agent whose last queue call ended longest ago (or who never had one). */
        LONGEST_IDLE,
        /** The agents in turn, after the one who took the last call. */
        ROUND_ROBIN,
        /** The agent who took the fewest calls of the queue today. */
        FEWEST_CALLS,
        /**
         * The agent with the highest level of the queue's {@link CallQueue#skill skill}; among equals, the longest
         * idle (since 1.1).
         */
        SKILL,
        /**
         * Every free agent at once; the first to answer takes the caller (since 1.2). A callback rings the longest
         * idle.
         */
        RING_ALL
    }
}
