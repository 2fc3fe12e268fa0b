package io.switchboard.queue.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.sip.api.CallControl;

/**
 * How a line rings its agents for a caller: a user's phones, an outside number through the trunks, every free phone
 * at once, or, for a callback, the agent's phone first and then the caller. A ring's INVITEs are sent on a thread of
 * the rings', not the line's: under load the SIP socket makes a sender wait, and the next decision must not (a
 * callback's call is placed on the line's thread: its id must be known before the switch's news of it).
 */
final class Rings {

    private static final Logger LOG = System.getLogger(Rings.class.getName());

    /** A ring the switch refused, for the line's thread: the caller, the agents rung, and whether they rest. */
    record Refused(String callId, List<String> agents, boolean rest) {
    }

    private final CallControl calls;
    private final Clock clock;
    private final Executor sender;
    private final Consumer<Refused> refused;

    /**
     * @param sender where the rings are sent
     * @param refused told of a ring the switch refused, on the line's thread
     */
    Rings(CallControl calls, Clock clock, Executor sender, Consumer<Refused> refused) {
        this.calls = calls;
        this.clock = clock;
        this.sender = sender;
        this.refused = refused;
    }

    /**
     * The agent rings for the caller from now on; the switch's refusal, if any, comes later through {@code refused}.
     * A callback's call is placed at once: its id must be known before the switch's news of it.
     *
     * @return whether the agent rings (false only for a callback the switch refused)
     */
    boolean offer(CallQueue queue, Waiting w, Agent a) {
        String callId = w.callId;
        w.ringing(a.user); // before the ring: a phone that answers at once finds the caller's agent named
        if (w.callback) {
            try {
                callId = calls.connect(a.user, w.caller, "Queue " + queue.name() + " callback");
                w.callbackCall = callId;
            } catch (IllegalArgumentException e) {
                w.ringing(null);
                LOG.log(Level.INFO, "Queue " + queue.name() + " cannot call " + a.user + " back: " + e.getMessage());
                return false;
            }
        }
        a.to(AgentState.State.RINGING, clock.instant()); // before the ring: a refusal finds the agent ringing
        a.callId = callId;
        if (!w.callback) {
            String agent = a.user;
            boolean outside = a.outside;
            send(queue.name(), callId, List.of(agent), true, () -> outside
                    ? calls.ringNumber(w.callId, agent, queue.ringSeconds())
                    : calls.ring(w.callId, agent, queue.ringSeconds()));
        }
        return true;
    }

    /** Rings every free agent's phones at once; a refusal (the caller gone meanwhile) leaves them free. */
    void offerAll(CallQueue queue, Waiting w, List<Agent> free) {
        w.ringing(Waiting.ALL);
        List<String> users = free.stream().map(a -> a.user).toList();
        for (Agent a : free) {
            a.to(AgentState.State.RINGING, clock.instant());
            a.callId = w.callId;
        }
        send(queue.name(), w.callId, users, false, () -> calls.ring(w.callId, users, queue.ringSeconds()));
    }

    private void send(String queue, String callId, List<String> agents, boolean rest, RingCall ring) {
        Runnable task = () -> {
            String why;
            try {
                why = ring.send();
            } catch (RuntimeException e) {
                why = e.toString();
            }
            if (why != null) {
                LOG.log(Level.INFO, "Queue " + queue + " cannot ring " + String.join(", ", agents) + ": " + why);
                refused.accept(new Refused(callId, agents, rest));
            }
        };
        try {
            sender.execute(task);
        } catch (RejectedExecutionException e) {
            refused.accept(new Refused(callId, agents, false)); // the queues are stopping
        }
    }

    /** The ring as the switch takes it: null, or why not. */
    @FunctionalInterface
    private interface RingCall {
        String send();
    }
}
