package io.switchboard.queue.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.music.api.MusicClasses;
import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.store.api.Store;
import io.switchboard.store.rows.RefreshedRows;

/**
 * The queues and the agents' logins, kept in the database and answered from memory, read again within a few seconds
 * of a change another server made: an agent logged in on one server is logged in for all.
 */
@Component(service = QueueService.class)
public class QueueService {

    private static final Logger LOG = System.getLogger(QueueService.class.getName());
    /** How soon a change another server made is followed here. */
    static final int REFRESH_SECONDS = 5;

    private final QueueTable table;
    private final AgentTable agents;
    private final QueueCheck check;
    private final UserService users;
    private final RefreshedRows<CallQueue> queues;
    private final RefreshedRows<AgentTable.Login> logins;
    private final SkillTable skillTable;
    private final RefreshedRows<Map<String, Integer>> skills;
    /**
     * Optional and dynamic, as the ring groups' (routing finds the queues as call targets): it judges outside agents.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RoutingService routing;
    /** The admin's music classes: a queue may name one that has pieces. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MusicClasses music;

    @Activate
    public QueueService(@Reference Store store, @Reference UserService users, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.queue.core.changelog.xml");
        this.users = users;
        this.table = new QueueTable(store.dataSource());
        this.agents = new AgentTable(store.dataSource());
        this.check = new QueueCheck(this::isUser, this::isMusic, this::notOutside);
        this.queues = new RefreshedRows<>("queues", table::all, REFRESH_SECONDS);
        this.logins = new RefreshedRows<>("queue agents", agents::all, REFRESH_SECONDS);
        this.skillTable = new SkillTable(store.dataSource());
        this.skills = new RefreshedRows<>("agents' skills", skillTable::all, REFRESH_SECONDS);
    }

    /** @return whether the agent is a user: else an outside number */
    boolean isUser(String agent) {
        return users.user(agent).isPresent();
    }

    /** @return why the name is no outside number an agent may be, or null when an outbound route takes it */
    private String notOutside(String number) {
        RoutingService r = routing;
        if (r == null) {
            return "the routing is not running";
        }
        RouteDecision d = r.route(new RouteRequest(null, null, number, Instant.now()));
        if (d.emergency()) {
            return "an emergency number";
        }
        if (d.outcome() != RouteDecision.Outcome.TRUNKS) {
            return d.outcome() == RouteDecision.Outcome.REJECTED && !d.reasons().isEmpty()
                    ? d.reasons().get(d.reasons().size() - 1) : "it stays inside the switch";
        }
        return null;
    }

    private boolean isMusic(String className) {
        MusicClasses m = music;
        return MusicClasses.DEFAULT.equals(className) || m != null && m.exists(className);
    }

    @Deactivate
    void stop() {
        queues.close();
        logins.close();
        skills.close();
    }

    /** @param listener told (on the thread that read them) when the queues or the logins changed */
    void listen(Runnable listener) {
        queues.listen(listener);
        logins.listen(listener);
        skills.listen(listener);
    }

    void unlisten(Runnable listener) {
        queues.unlisten(listener);
        logins.unlisten(listener);
        skills.unlisten(listener);
    }

    List<CallQueue> queues() {
        return List.copyOf(queues.all().values());
    }

    Optional<CallQueue> queue(String name) {
        return Optional.ofNullable(name == null ? null : queues.all().get(name));
    }

    /** @return the queue's logins (and members' pauses), oldest first */
    List<AgentTable.Login> logins(String queue) {
        return logins.all().values().stream().filter(l -> l.queue().equals(queue)).toList();
    }

    /** @return each agent's time logged in and paused in the queue over the period, its members' included */
    Map<String, AgentTime.Spent> agentTime(String queue, Instant from, Instant to) {
        List<String> members = queue(queue).map(CallQueue::members).orElse(List.of());
        return AgentTime.of(members, agents.changes(queue, from, to), from, to);
    }

    /** @return every user's skills, by user */
    Map<String, Map<String, Integer>> skills() {
        return Map.copyOf(skills.all());
    }

    /** @return the user's level of the skill, 0 when they lack it */
    int level(String user, String skill) {
        Map<String, Integer> own = skills.all().get(user);
        return own == null ? 0 : own.getOrDefault(skill, 0);
    }

    /**
     * Replaces the user's skills.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    Map<String, Integer> saveSkills(String user, Map<String, Integer> wanted) {
        Map<String, Integer> checked = check.skills(user, wanted);
        skillTable.put(user, checked);
        LOG.log(Level.INFO, "Skills of " + user + ": " + checked);
        skills.reload();
        return checked;
    }

    CallQueue save(CallQueue q, long expectedVersion) {
        // a class that lost its pieces since it was named plays the built-in music: other changes are not refused
        String keptMusic = queue(q.name()).map(CallQueue::music).orElse(null);
        check.check(q, q.music() != null && q.music().equals(keptMusic));
        CallQueue saved = table.put(q, expectedVersion);
        LOG.log(Level.INFO, "Queue " + saved.name() + " saved, version " + saved.version() + ": " + saved.strategy()
                + ", members " + saved.members());
        queues.reload();
        return saved;
    }

    boolean delete(String name) {
        boolean deleted = table.delete(name);
        if (deleted) {
            logins(name).forEach(l -> agents.set(name, l.agent(), false, AgentState.State.LOGGED_OUT,
                    "queue deleted", Instant.now()));
            LOG.log(Level.INFO, "Queue " + name + " deleted");
            queues.reload();
            logins.reload();
        }
        return deleted;
    }

    /**
     * Logs an agent in, out, or pauses them.
     *
     * @throws IllegalArgumentException naming why not
     */
    void agent(String queue, String user, AgentState.State state, String reason) {
        CallQueue q = queue(queue).orElseThrow(() -> new IllegalArgumentException("No queue " + queue));
        boolean member = q.members().contains(user);
        if (!member && logins(queue).stream().noneMatch(l -> l.agent().equals(user))) {
            check.agent("agent", user); // one logged in may always pause or leave, whatever became of its route
        }
        if (!member && !q.dynamic()) {
            throw new IllegalArgumentException(user + " is no member of queue " + queue + ", which takes no logins");
        }
        switch (state) {
            case READY, PAUSED -> {
                // a member ready is no row: members are always in
            }
            case LOGGED_OUT -> {
                if (member) {
                    throw new IllegalArgumentException(user + " is a member of queue " + queue + ": a member pauses, "
                            + "and leaves by a change of the queue");
                }
            }
            default -> throw new IllegalArgumentException("state: READY, PAUSED or LOGGED_OUT, not " + state);
        }
        String why = state == AgentState.State.PAUSED ? check.reason(reason) : null;
        agents.set(queue, user, member, state, why, Instant.now());
        LOG.log(Level.INFO, "Agent " + user + " of queue " + queue + ": " + state + (why == null ? "" : " (" + why
                + ")"));
        logins.reload();
    }
}
