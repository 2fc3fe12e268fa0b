package io.switchboard.kpi.api;

import java.util.List;

/**
 * A call queue's figures over a bucket or window, from its callers' records: docs/kpi.md defines each. The service
 * level counts answered callers within its threshold over those answered plus those who abandoned after the short
 * abandon threshold (short abandons apart), as the queue's own wallboard and report do.
 *
 * @param offered callers who reached the queue
 * @param agentAnswered callers an agent answered
 * @param answeredInTarget of them, within {@code serviceLevelSeconds}
 * @param serviceLevel in percent, null when nobody was answered or abandoned
 * @param abandoned callers who hung up waiting, after the short abandon threshold
 * @param shortAbandoned callers who hung up sooner than {@code shortAbandonSeconds}
 * @param overflowed callers sent to the queue's overflow
 * @param callbacks callers who chose to be called back
 * @param averageWaitSeconds of the answered and the abandoned, null without them
 * @param longestWaitSeconds of the same, 0 without them
 * @param averageHandleSeconds talk after the wait of the answered, null without them
 * @param serviceLevelSeconds the threshold the service level was counted by
 * @param shortAbandonSeconds the threshold of short abandons
 * @since 1.1
 */
public record QueueKpis(long offered, long agentAnswered, long answeredInTarget, Double serviceLevel, long abandoned,
        long shortAbandoned, long overflowed, long callbacks, Double averageWaitSeconds, long longestWaitSeconds,
        Double averageHandleSeconds, int serviceLevelSeconds, int shortAbandonSeconds) {

    /** The names of {@link Kpis#value(String)} that are a queue's figures. */
    public static final List<String> NAMES = List.of("serviceLevel", "agentAnswered", "abandoned", "shortAbandoned",
            "overflowed", "callbacks", "averageWait", "longestWait", "averageHandle");

    /** @return the figure of one of {@link #NAMES}, or null when there is none */
    public Double value(String name) {
        return switch (name) {
            case "serviceLevel" -> serviceLevel;
            case "agentAnswered" -> (double) agentAnswered;
            case "abandoned" -> (double) abandoned;
            case "shortAbandoned" -> (double) shortAbandoned;
            case "overflowed" -> (double) overflowed;
            case "callbacks" -> (double) callbacks;
            case "averageWait" -> averageWaitSeconds;
            case "longestWait" -> (double) longestWaitSeconds;
            case "averageHandle" -> averageHandleSeconds;
            default -> throw new IllegalArgumentException("Unknown KPI '" + name + "'");
        };
    }
}
