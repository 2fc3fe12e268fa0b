package io.switchboard.queue.core.internal;

import java.time.LocalDate;

/** A queue's figures of the day on this server, begun again at midnight. */
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
}
