package io.switchboard.queue.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueEvents;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.sip.api.CallControl;

/**
 * One queue's callers and agents on this server. Every method runs on the queues' one thread, so a decision never
 * waits on a lock or on the database: an agent who becomes free rings for the first caller in line at once.
 */
final class Line {

    private static final Logger LOG = System.getLogger(Line.class.getName());
    /** Tries of a callback whose agent or caller did not answer, before it is given up. */
    static final int CALLBACK_TRIES = 3;

    private CallQueue queue;
    private ToIntFunction<String> levels = user -> 0;
    private Predicate<String> outside = agent -> false;
    private final CallControl calls;
    private final Figures figures;
    private final Clock clock;
    private final LineNews news;
    private final List<Waiting> callers = new ArrayList<>();
    private final Team team = new Team();
    private final Map<String, Agent> agents = team.byUser();
    private final Day day = new Day();
    private final Picker picker = new Picker();
    private final Rings rings;

    /** The thresholds the figures are counted by, and the rest after a missed call. */
    record Figures(int serviceLevelSeconds, int shortAbandonSeconds, int restSeconds) {
    }

    /** A line whose rings are sent at once, on the thread that decides them: for a line driven by a test. */
    Line(CallQueue queue, CallControl calls, Figures figures, Clock clock,
            BiConsumer<String, Map<String, Object>> events) {
        this(queue, calls, figures, clock, events, Runnable::run, Runnable::run);
    }

    /**
     * @param sender where the rings' INVITEs are sent from
     * @param back runs a task on the line's thread, after what is queued there
     */
    Line(CallQueue queue, CallControl calls, Figures figures, Clock clock,
            BiConsumer<String, Map<String, Object>> events, Executor sender, Consumer<Runnable> back) {
        this.queue = queue;
        this.calls = calls;
        this.figures = figures;
        this.clock = clock;
        this.news = new LineNews(events, clock);
        this.rings = new Rings(calls, clock, sender, r -> back.accept(() -> ringRefused(r)));
    }

    CallQueue queue() {
        return queue;
    }

    void define(CallQueue changed) {
        this.queue = changed;
    }

    /** @param levels each user's level of the queue's skill, 0 for one who lacks it: read at each {@link #present} */
    void levels(ToIntFunction<String> levels) {
        this.levels = levels;
    }

    /** @param outside whether an agent is an outside number (trunks ring it), not a user: read at each present */
    void outside(Predicate<String> outside) {
        this.outside = outside;
    }

    /** The agents logged in or members, as the database has them now. */
    void present(List<AgentTable.Login> logins) {
        team.present(queue, logins, levels, outside, clock.instant());
        dispatch();
    }

    /** A caller answered by the queue: in line, or to the overflow when the line is full or nobody is in. */
    void join(Waiting w) {
        roll();
        day.offered++;
        news.caller(queue.name(), QueueEvents.CALLER_JOINED, w, null);
        if (callers.size() >= queue.maxCallers()) {
            overflow(w, "the line is full (" + queue.maxCallers() + ")");
            return;
        }
        if (agents.values().stream().noneMatch(a -> a.present && a.able)) {
            overflow(w, "no agent is logged in");
            return;
        }
        callers.add(w);
        renumber();
        dispatch();
    }

    /** The agent rung for the caller did not answer (busy, no answer, no phone): the caller waits on. */
    void missed(String callId, int status) {
        Waiting w = find(callId);
        if (w == null) {
            return;
        }
        w.ringing(null);
        for (Agent a : team.ringingFor(callId)) {
            LOG.log(Level.INFO, "Queue " + queue.name() + ": " + a.user + " missed a caller (" + status + ")");
            rest(a);
        }
        dispatch();
    }

    /** The switch refused a ring (the caller gone, a user or number it cannot ring): the caller waits on. */
    void ringRefused(Rings.Refused r) {
        Instant now = clock.instant();
        for (String user : r.agents()) {
            Agent a = agents.get(user);
            if (a != null && a.state == AgentState.State.RINGING && r.callId().equals(a.callId)) {
                if (r.rest()) {
                    rest(a);
                } else {
                    a.to(AgentState.State.READY, now);
                    a.callId = null;
                }
            }
        }
        Waiting w = find(r.callId());
        if (w != null && !w.callback && w.ringing() != null) {
            w.ringing(null);
            w.retryAfter = now.plusSeconds(1); // a refusal that would repeat is tried again once a tick, not at once
        }
        dispatch();
    }

    /** The agent's phone answered the caller. */
    void answered(String callId) {
        Waiting w = find(callId);
        if (w == null) {
            return;
        }
        Instant now = clock.instant();
        Agent a = w.agent() == null ? null : agents.get(w.agent());
        boolean freed = false;
        for (Agent beaten : team.ringingFor(callId)) {
            if (beaten != a) { // another agent's phone was quicker: no rest for a call they could not take
                beaten.to(AgentState.State.READY, now);
                beaten.callId = null;
                freed = true;
            }
        }
        callers.remove(w);
        long waited = w.waitedSeconds(now);
        day.answered++;
        if (waited <= figures.serviceLevelSeconds()) {
            day.answeredInTarget++;
        }
        if (a != null) {
            a.to(AgentState.State.BUSY, now);
            a.callId = callId;
            a.callsToday++;
            news.agent(queue.name(), a);
        }
        news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "answered");
        renumber();
        if (freed) {
            dispatch();
        }
    }

    /** The caller hung up in line (or while an agent rang). */
    void abandoned(String callId) {
        Waiting w = find(callId);
        if (w == null || w.callback) {
            return;
        }
        callers.remove(w);
        for (Agent a : team.ringingFor(callId)) {
            a.to(AgentState.State.READY, clock.instant());
            a.callId = null;
        }
        roll();
        if (w.waitedSeconds(clock.instant()) < figures.shortAbandonSeconds()) {
            day.shortAbandoned++;
        } else {
            day.abandoned++;
        }
        news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "abandoned");
        renumber();
        dispatch();
    }

    /** The caller's call ended otherwise (the server stops, an admin hung it up): no figure counts it. */
    void gone(String callId) {
        Waiting w = find(callId);
        if (w != null && !w.callback) {
            callers.remove(w);
            renumber();
        }
    }

    /** The caller pressed the key of a callback: their place is kept, and they are told and hung up. */
    void callbackChosen(String callId) {
        Waiting w = find(callId);
        if (w == null || w.ringing() != null || w.callback || !queue.callback()) {
            return;
        }
        w.callback = true;
        calls.tag(callId, "queueOutcome", "callback");
        news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "callback");
        if (w.audio != null) {
            w.audio.sayThen(QueuePrompts.CALLBACK_TAKEN, () -> calls.hangUp(callId));
        }
    }

    /** A call of the switch was answered: a callback's, when the agent and the caller both answered. */
    void callAnswered(String callId) {
        for (Waiting w : callers) {
            if (w.callback && callId.equals(w.callbackCall)) {
                Agent a = agents.get(w.ringing());
                callers.remove(w);
                day.answered++;
                if (a != null) {
                    a.to(AgentState.State.BUSY, clock.instant());
                    a.callsToday++;
                    news.agent(queue.name(), a);
                }
                news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "calledBack");
                renumber();
                return;
            }
        }
    }

    /** A call of the switch ended: an agent's call of the queue (wrap-up begins), or a callback that failed. */
    void callEnded(String callId) {
        Instant now = clock.instant();
        for (Agent a : agents.values()) {
            if (callId.equals(a.callId)) {
                if (a.state == AgentState.State.BUSY) {
                    day.handleSeconds += Math.max(0, now.getEpochSecond() - a.since.getEpochSecond());
                    day.handled++;
                    a.lastEnd = now;
                    a.callId = null;
                    a.to(queue.wrapUpSeconds() > 0 ? AgentState.State.WRAP_UP : AgentState.State.READY, now);
                    news.agent(queue.name(), a);
                } else if (a.state == AgentState.State.RINGING) {
                    rest(a);
                }
            }
        }
        for (Waiting w : List.copyOf(callers)) {
            if (w.callback && callId.equals(w.callbackCall)) {
                w.callbackCall = null;
                w.ringing(null);
                if (++w.callbackTries >= CALLBACK_TRIES) {
                    callers.remove(w);
                    news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "callbackFailed");
                    renumber();
                }
            }
        }
        dispatch();
    }

    /** Once a second: wrap-ups and rests that are over, callers who waited their longest, then the next calls. */
    void tick() {
        roll();
        Instant now = clock.instant();
        for (Agent a : agents.values()) {
            if (a.state == AgentState.State.WRAP_UP && !now.isBefore(a.since.plusSeconds(queue.wrapUpSeconds()))) {
                a.to(AgentState.State.READY, now);
                news.agent(queue.name(), a);
            }
        }
        for (Waiting w : List.copyOf(callers)) {
            if (!w.callback && w.ringing() == null && w.waitedSeconds(now) >= queue.maxWaitSeconds()) {
                callers.remove(w);
                overflow(w, "waited " + queue.maxWaitSeconds() + " s");
            }
        }
        renumber();
        dispatch();
    }

    /** Offers each caller in line, in order, to the agent the strategy picks (or all free ones), while any is free. */
    void dispatch() {
        Instant now = clock.instant();
        for (Waiting w : List.copyOf(callers)) {
            if (w.ringing() != null || w.leaving || w.retryAfter != null && now.isBefore(w.retryAfter)) {
                continue;
            }
            if (queue.strategy() == CallQueue.Strategy.RING_ALL && !w.callback) {
                List<Agent> free = Picker.free(agents.values(), now);
                if (free.isEmpty()) {
                    return;
                }
                // phones ring together; an outside number rings alone, when no phone is free
                List<Agent> phones = free.stream().filter(a -> !a.outside).toList();
                if (!phones.isEmpty()) {
                    rings.offerAll(queue, w, phones);
                    continue;
                }
            }
            // a callback calls the agent's phone first: an outside number has none
            Collection<Agent> pool = w.callback ? agents.values().stream().filter(a -> !a.outside).toList()
                    : agents.values();
            Agent a;
            while ((a = picker.pick(queue.strategy(), pool, now)) != null && !rings.offer(queue, w, a)) {
                rest(a);
            }
            if (a != null) {
                picker.rang(a.user);
            }
            if (a == null && !w.callback) {
                return;
            }
        }
    }

    private void rest(Agent a) {
        Instant now = clock.instant();
        a.to(AgentState.State.READY, now);
        a.callId = null;
        a.restUntil = now.plusSeconds(figures.restSeconds());
    }

    private void overflow(Waiting w, String why) {
        w.leaving = true;
        day.overflowed++;
        calls.tag(w.callId, "queueOutcome", "overflowed");
        news.caller(queue.name(), QueueEvents.CALLER_LEFT, w, "overflowed");
        String refused = queue.overflow() == null ? "none is set" : calls.redirect(w.callId, queue.overflow());
        LOG.log(Level.INFO, "Queue " + queue.name() + ": call " + w.callId + " overflows, " + why
                + (refused == null ? ", to " + queue.overflow() : "; no overflow: " + refused));
        if (refused != null && w.audio != null) {
            w.audio.sayThen(QueuePrompts.CLOSED, () -> calls.hangUp(w.callId));
        }
    }

    /** Numbers the callers in line and gives each the expected wait: the day's talk time per agent in turn. */
    private void renumber() {
        long agentsIn = Math.max(1, agents.values().stream().filter(a -> a.present && !a.paused).count());
        long handle = day.averageHandleSeconds();
        int place = 0;
        for (Waiting w : callers) {
            place++;
            w.position(place);
            w.expectedWaitSeconds(handle * ((place + agentsIn - 1) / agentsIn));
        }
    }

    Waiting find(String callId) {
        for (Waiting w : callers) {
            if (w.callId.equals(callId)) {
                return w;
            }
        }
        return null;
    }

    private void roll() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        if (!today.equals(day.date)) {
            agents.values().forEach(a -> a.callsToday = 0);
        }
        day.roll(today);
    }

    QueueStatus status() {
        roll();
        return day.status(queue.name(), callers, agents.values(), figures.serviceLevelSeconds(), clock.instant());
    }

    /** Callers still in line when the queue is deleted or the server stops: their calls end. */
    List<Waiting> drain() {
        List<Waiting> out = List.copyOf(callers);
        callers.clear();
        return out;
    }
}
