package io.switchboard.queue.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.QueueStatus;

/** A queue's figures of the day on this server, begun again at midnight, and the wallboard's that add them. */
final class Day {

    LocalDate date;
    int offered;
    int answered;
    int answeredInTarget;
    int abandoned;
    int shortAbandoned;
    int overflowed;
    long handleSeconds;
    int handled;

    /** Begins a new day when the date changed. */
    void roll(LocalDate today) {
        if (today.equals(date)) {
            return;
        }
        date = today;
        offered = 0;
        answered = 0;
        answeredInTarget = 0;
        abandoned = 0;
        shortAbandoned = 0;
        overflowed = 0;
        handleSeconds = 0;
        handled = 0;
    }

    /** @return answered within the threshold over answered plus abandoned (short abandons apart), in %, or -1 */
    double serviceLevel() {
        int base = answered + abandoned;
        return base == 0 ? -1 : 100.0 * answeredInTarget / base;
    }

    /** @return the average talk time of the day's answered calls that ended, or 0 before any */
    long averageHandleSeconds() {
        return handled == 0 ? 0 : handleSeconds / handled;
    }

    /** @return the wallboard's figures: the callers and agents now, and the day's counts */
    QueueStatus status(String queue, List<Waiting> callers, Collection<Agent> agents, int serviceLevelSeconds,
            Instant now) {
        int onPhone = 0;
        long longest = 0;
        for (Waiting w : callers) {
            if (!w.callback) {
                onPhone++;
            }
            longest = Math.max(longest, w.waitedSeconds(now));
        }
        List<AgentState> states = agents.stream().map(a -> a.view(queue)).sorted(Comparator.comparing(
                AgentState::agent)).toList();
        return new QueueStatus(queue, onPhone, callers.size() - onPhone, longest, states, offered, answered, abandoned,
                shortAbandoned, answeredInTarget, overflowed, serviceLevelSeconds, serviceLevel());
    }
}
