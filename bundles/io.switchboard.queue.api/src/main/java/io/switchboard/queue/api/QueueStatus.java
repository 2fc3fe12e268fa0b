package io.switchboard.queue.api;

import java.util.List;

/**
 * A queue's live figures: what a wallboard shows.
 *
 * @param queue the queue's name
 * @param waiting callers in line now (on the phone)
 * @param callbacks callers in line to be called back
 * @param longestWaitSeconds the longest wait of a caller in line now
 * @param agents the agents, logged in or members
 * @param offeredToday callers who reached the queue today
 * @param answeredToday callers an agent answered today
 * @param abandonedToday callers who hung up in line today, after the short-abandon threshold
 * @param shortAbandonedToday callers who hung up within it (counted apart, not in the service level)
 * @param answeredInTargetToday answered within the service-level threshold today
 * @param overflowedToday callers sent to the overflow today (the longest wait, a full line, nobody logged in)
 * @param serviceLevelSeconds the threshold of the service level
 * @param serviceLevel answered within the threshold over answered plus abandoned, in percent; -1 before any
 */
public record QueueStatus(String queue, int waiting, int callbacks, long longestWaitSeconds, List<AgentState> agents,
        int offeredToday, int answeredToday, int abandonedToday, int shortAbandonedToday, int answeredInTargetToday,
        int overflowedToday, int serviceLevelSeconds, double serviceLevel) {

    public QueueStatus {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
