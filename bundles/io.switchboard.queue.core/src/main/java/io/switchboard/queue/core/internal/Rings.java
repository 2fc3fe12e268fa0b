package io.switchboard.queue.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.sip.api.CallControl;

/**
 * How a line rings its agents for a caller: a user's phones, an outside number through the trunks, every free phone
 * at once, or, for a callback, the agent's phone first and then the caller.
 */
final class Rings {

    private static final Logger LOG = System.getLogger(Rings.class.getName());

    private final CallControl calls;
    private final Clock clock;

    Rings(CallControl calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** @return whether the agent rings for the caller (or, for a callback, the callback's call rings) */
    boolean offer(CallQueue queue, Waiting w, Agent a) {
        String refused;
        String callId = w.callId;
        w.ringing(a.user); // before the ring: a phone that answers at once finds the caller's agent named
        if (w.callback) {
            try {
                callId = calls.connect(a.user, w.caller, "Queue " + queue.name() + " callback");
                w.callbackCall = callId;
                refused = null;
            } catch (IllegalArgumentException e) {
                refused = e.getMessage();
            }
        } else if (a.outside) {
            refused = calls.ringNumber(w.callId, a.user, queue.ringSeconds());
        } else {
            refused = calls.ring(w.callId, a.user, queue.ringSeconds());
        }
        if (refused != null) {
            w.ringing(null);
            LOG.log(Level.INFO, "Queue " + queue.name() + " cannot ring " + a.user + ": " + refused);
            return false;
        }
        a.to(AgentState.State.RINGING, clock.instant());
        a.callId = callId;
        return true;
    }

    /** Rings every free agent's phones at once; a refusal (the caller gone meanwhile) leaves them free. */
    void offerAll(CallQueue queue, Waiting w, List<Agent> free) {
        w.ringing(Waiting.ALL);
        String refused = calls.ring(w.callId, free.stream().map(a -> a.user).toList(), queue.ringSeconds());
        if (refused != null) {
            w.ringing(null);
            LOG.log(Level.INFO, "Queue " + queue.name() + " cannot ring its agents: " + refused);
            return;
        }
        for (Agent a : free) {
            a.to(AgentState.State.RINGING, clock.instant());
            a.callId = w.callId;
        }
    }
}
