package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.guard.TrunkAddresses;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.stack.StrictMessageParser;

/** The switch's periodic work on its timer thread: expired registrations, the guard's clock, trunks' addresses. */
final class Housekeeping {

    private static final Logger LOG = System.getLogger(Housekeeping.class.getName());

    private Housekeeping() {
    }

    static void schedule(ScheduledExecutorService timer, SipStore store, Guard guard, TrunkAddresses trunkAddresses) {
        if (!StrictMessageParser.quietParserNesting()) {
            LOG.log(Level.WARNING, "jain-sip's parser nesting counter not found: parsing may slow down over time");
        }
        timer.scheduleWithFixedDelay(StrictMessageParser::quietParserNesting, 10, 10, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(trunkAddresses::refresh, 0, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guard::tick, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guard::sync, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> purge(store), 30, 60, TimeUnit.SECONDS);
    }

    private static void purge(SipStore store) {
        try {
            int n = store.purgeExpired(Instant.now());
            if (n > 0) {
                LOG.log(Level.DEBUG, "Removed " + n + " expired registrations");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot remove expired registrations: " + e.getMessage());
        }
    }
}
