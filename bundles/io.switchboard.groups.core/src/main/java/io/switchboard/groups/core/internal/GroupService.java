package io.switchboard.groups.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.hunting.HuntGroups;
import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.schedule.ScheduleState;
import io.switchboard.sip.api.schedule.ScheduleUsers;
import io.switchboard.sip.api.schedule.Schedules;
import io.switchboard.store.api.Store;
import io.switchboard.store.commit.GroupCommit;

/**
 * Ring and hunt groups, kept in the database (every node of a cluster rings them alike, round robin
 * included), given to the switch as {@link HuntGroups}. Keeps when each user's last answered call
 * ended, from the switch's call events, for the longest-idle strategy.
 */
@Component(service = { HuntGroups.class, GroupService.class, EventHandler.class, ScheduleUsers.class },
        property = EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_ENDED)
public class GroupService implements HuntGroups, EventHandler, ScheduleUsers {

    private static final Logger LOG = System.getLogger(GroupService.class.getName());
    static final String MAILBOX = "voicemail:";

    /** How soon a group another server made is rung here. */
    static final int REFRESH_SECONDS = 5;

    private final GroupTable table;
    private final GroupCommit<CallEnd, Void> idle;
    /** every group's members, read with the extensions: only their calls' ends are kept */
    private volatile Set<String> members = Set.of();
    private volatile Set<String> extensions = Set.of();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-groups-refresh");
        t.setDaemon(true);
        return t;
    });
    /**
     * Optional and dynamic, never static: routing finds this service as its ring groups (a tracker), and
     * a static reference back made the two activate each other, where SCR once dropped routing's binding
     * of the groups (a group saved was then unknown to routing until a restart).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RoutingService routing;
    private final UserService users;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Schedules schedules;

    @Activate
    public GroupService(@Reference Store store, @Reference UserService users,
            BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.groups.core.changelog.xml");
        this.table = new GroupTable(store.dataSource());
        this.idle = new GroupCommit<>("groups-idle", 1000, Duration.ofSeconds(1), this::keepEnds);
        this.users = users;
        reload();
        refresher.scheduleWithFixedDelay(this::reload, REFRESH_SECONDS, REFRESH_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Routing asks for every extension that is no user (every number dialled out among them): it reads
     * the groups' extensions from memory, read again from the database at each change here and every
     * few seconds for changes another server made.
     */
    @Override
    public boolean isGroup(String extension) {
        return extensions.contains(extension);
    }

    /** A saved group's extension is known at once, even when the read of them all after the save fails. */
    private synchronized void known(String extension) {
        Set<String> more = new HashSet<>(extensions);
        more.add(extension);
        extensions = Set.copyOf(more);
    }

    /**
     * Synchronized so that the timer's read, begun before a save, cannot land after the save's own
     * reload and put back the extensions without the new group.
     */
    private synchronized void reload() {
        try {
            extensions = Set.copyOf(table.extensions());
            members = Set.copyOf(table.members());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the groups' extensions; the ones known stay: " + e.getMessage());
        }
    }

    @Deactivate
    void stop() {
        refresher.close(); // a reload running ends first: an interrupt would close H2's file under its write
        idle.close();
    }

    @Override
    public Optional<HuntPlan> plan(String extension) {
        return plan(extension, Instant.now());
    }

    /** While the group's schedule is closed, a plan without steps to its after-hours destination. */
    @Override
    public Optional<HuntPlan> plan(String extension, Instant when) {
        return table.byExtension(extension).map(g -> {
            ScheduleState hours = hours(g, when);
            return hours == null || hours.open() ? ringing(g)
                    : new HuntPlan(g.name(), List.of(), g.closed(), "schedule " + g.schedule() + " " + hours.why());
        });
    }

    /** @return whether the group's schedule is open then, or null for a group without one */
    ScheduleState hours(Group g, Instant when) {
        if (g.schedule() == null) {
            return null;
        }
        Schedules s = schedules;
        return s == null ? new ScheduleState(g.schedule(), false, "closed: no schedule service is running")
                : s.state(g.schedule(), when);
    }

    private HuntPlan ringing(Group g) {
        return Plans.plan(g, table.next(g.name()),
                g.strategy() == Group.Strategy.LONGEST_IDLE
                        ? table.idle(g.members().stream().map(Group.Member::member).toList()) : Map.of(),
                m -> users.user(m).isPresent());
    }

    @Override
    public void answered(String group, String member) {
        table.byName(group).filter(g -> g.strategy() == Group.Strategy.ROUND_ROBIN).ifPresent(g -> {
            List<String> names = g.members().stream().map(Group.Member::member).toList();
            int at = names.indexOf(member);
            if (at >= 0) {
                table.next(g.name(), at + 1); // the next call starts after the member who took this one
            }
        });
    }

    @Override
    public void handleEvent(Event event) {
        if (!"ANSWERED".equals(String.valueOf(event.getProperty(SipEvents.DISPOSITION)))) {
            return;
        }
        Instant now = Instant.now();
        for (String key : new String[] { SipEvents.CALLER_USER, SipEvents.CALLEE_USER }) {
            if (event.getProperty(key) instanceof String user && members.contains(user)) {
                idle.submit(new CallEnd(user, now)).whenComplete((done, e) -> {
                    if (e != null) {
                        LOG.log(Level.WARNING, "Cannot keep when " + user + "'s call ended: " + e.getMessage());
                    }
                });
            }
        }
    }

    /** When a group member's answered call ended, for "longest idle" (kept a second later, in batches). */
    private record CallEnd(String user, Instant end) {
    }

    /** One transaction per batch, each member once in its latest end: a commit per call cost more than the call's record. */
    private List<Void> keepEnds(List<CallEnd> ends) throws SQLException {
        Map<String, Instant> latest = new HashMap<>();
        ends.forEach(e -> latest.merge(e.user(), e.end(), (a, b) -> a.isAfter(b) ? a : b));
        table.callsEnded(latest);
        return Collections.nCopies(ends.size(), null);
    }

    @Override
    public List<String> using(String schedule) {
        return table.all().stream().filter(g -> schedule.equals(g.schedule())).map(g -> "group " + g.name()).toList();
    }

    List<Group> all() {
        return table.all();
    }

    Optional<Group> group(String name) {
        return table.byName(name);
    }

    /** @return when each member's last answered call ended, for members that had one */
    Map<String, Instant> lastCalls(Group g) {
        return table.idle(g.members().stream().map(Group.Member::member).toList());
    }

    /**
     * Creates or replaces a group.
     *
     * @throws IllegalArgumentException naming what cannot be: an extension taken, a member or
     *             destination no call can reach
     */
    Group save(Group g) {
        if (users.user(g.extension()).isPresent()) {
            throw new IllegalArgumentException("extension: " + g.extension() + " is a user's");
        }
        table.byExtension(g.extension()).filter(other -> !other.name().equals(g.name())).ifPresent(other -> {
            throw new IllegalArgumentException("extension: " + g.extension() + " is group " + other.name() + "'s");
        });
        for (Group.Member m : g.members()) {
            RouteDecision d = routing().route(new RouteRequest(null, null, m.member(), Instant.now()));
            if (d.emergency()) {
                throw new IllegalArgumentException("members: " + m.member() + " is an emergency number: a group's "
                        + "callers would reach the emergency services with no location and no alert");
            }
            if (d.outcome() != RouteDecision.Outcome.USER && d.outcome() != RouteDecision.Outcome.TRUNKS) {
                throw new IllegalArgumentException("members: " + m.member() + " is no user, and no route takes it ("
                        + last(d) + ")");
            }
        }
        destination("noAnswer", g.noAnswer(), g);
        destination("closedDestination", g.closed(), g);
        if (g.schedule() != null) {
            Schedules s = schedules;
            if (s == null || s.schedule(g.schedule()).isEmpty()) {
                throw new IllegalArgumentException("schedule: no schedule " + g.schedule());
            }
        }
        table.put(g);
        known(g.extension());
        reload();
        LOG.log(Level.INFO, "Group " + g.name() + " (" + g.extension() + ") saved: " + g.strategy().json() + ", "
                + g.members().size() + " member(s)");
        return table.byName(g.name()).orElseThrow();
    }

    /** @throws IllegalArgumentException when calls cannot go to {@code to} */
    private void destination(String field, String to, Group g) {
        if (to != null && to.startsWith(MAILBOX)) {
            if (users.user(to.substring(MAILBOX.length())).isEmpty()) {
                throw new IllegalArgumentException(field + ": no user " + to.substring(MAILBOX.length()));
            }
        } else if (to != null && !to.equals(g.extension())) {
            if (to.indexOf('*') >= 0 || to.indexOf('#') >= 0 || to.indexOf('%') >= 0) {
                throw new IllegalArgumentException(field + ": " + to + " is a feature code: it would act for the "
                        + "group's callers");
            }
            RouteDecision d = routing().route(new RouteRequest(null, null, to, Instant.now()));
            if (d.emergency()) {
                throw new IllegalArgumentException(field + ": " + to + " is an emergency number, never a group's "
                        + "destination");
            }
            if (d.outcome() == RouteDecision.Outcome.REJECTED) {
                throw new IllegalArgumentException(field + ": " + to + " cannot be reached (" + last(d) + ")");
            }
        } else if (to != null) {
            throw new IllegalArgumentException(field + ": the group itself");
        }
    }

    boolean delete(String name) {
        boolean deleted = table.delete(name);
        reload();
        return deleted;
    }

    /** @throws IllegalArgumentException while routing is not running: members and destinations cannot be checked */
    private RoutingService routing() {
        RoutingService r = routing;
        if (r == null) {
            throw new IllegalArgumentException("Routing is not running: a group's members cannot be checked now");
        }
        return r;
    }

    private static String last(RouteDecision d) {
        return d.reasons().isEmpty() ? "status " + d.status() : d.reasons().get(d.reasons().size() - 1);
    }
}
