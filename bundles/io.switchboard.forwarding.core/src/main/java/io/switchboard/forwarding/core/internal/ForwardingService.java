package io.switchboard.forwarding.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.sip.api.forwarding.CallForwarding;
import io.switchboard.sip.api.forwarding.ForwardReason;
import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.schedule.ScheduleUsers;
import io.switchboard.sip.api.schedule.Schedules;
import io.switchboard.store.api.Store;
import io.switchboard.voicemail.api.Voicemail;

/**
 * Users' call forwarding, kept in the database (any node of a cluster reads the same rules) and
 * given to the switch as {@link CallForwarding}. A destination is checked as it is set: routed as if
 * the user dialled it, so a number its class of service does not allow is refused then, and again by
 * the switch on every call (a class of service may change after).
 */
@Component(service = { CallForwarding.class, ForwardingService.class, ScheduleUsers.class })
public class ForwardingService implements CallForwarding, ScheduleUsers {

    private static final Logger LOG = System.getLogger(ForwardingService.class.getName());

    /** The mailboxes, when voicemail is installed: a forward to one that is off would never be followed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Voicemail voicemail;

    /** The schedules, when installed: without them a forward with a schedule always holds. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Schedules schedules;

    private final ForwardingTable table;
    private final RoutingService routing;
    private final UserService users;

    @Activate
    public ForwardingService(@Reference Store store, @Reference RoutingService routing, @Reference UserService users,
            BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.forwarding.core.changelog.xml");
        this.table = new ForwardingTable(store.dataSource());
        this.routing = routing;
        this.users = users;
    }

    @Override
    public ForwardingRules rules(String user) {
        return table.get(user).orElse(ForwardingRules.NONE);
    }

    /** With a schedule, the "always" forward holds only while it is closed: in working hours the phones ring. */
    @Override
    public ForwardingRules rules(String user, Instant when) {
        ForwardingRules r = rules(user);
        if (r.schedule() == null || r.always() == null) {
            return r;
        }
        Schedules s = schedules;
        return s != null && s.state(r.schedule(), when).open() ? r.withoutAlways() : r;
    }

    /** @throws java.util.NoSuchElementException when there is no such user */
    ForwardingRules of(String user) {
        if (users.user(user).isEmpty()) {
            throw new NoSuchElementException("No user " + user);
        }
        return rules(user);
    }

    @Override
    public List<String> using(String schedule) {
        return all().entrySet().stream().filter(e -> schedule.equals(e.getValue().schedule()))
                .map(e -> "forwarding of " + e.getKey()).toList();
    }

    Map<String, ForwardingRules> all() {
        return table.all();
    }

    /**
     * Sets the user's forwarding.
     *
     * @throws IllegalArgumentException naming the rule whose destination cannot be reached, and why
     * @throws java.util.NoSuchElementException when there is no such user
     */
    ForwardingRules save(String user, ForwardingRules rules) {
        of(user);
        for (ForwardReason why : ForwardReason.values()) {
            String to = why == ForwardReason.UNAVAILABLE ? rules.unavailable() : rules.destination(why);
            String problem = to == null ? null : problem(user, to);
            if (problem != null) {
                throw new IllegalArgumentException(field(why) + ": " + problem);
            }
        }
        if (rules.schedule() != null) {
            Schedules s = schedules;
            if (s == null || s.schedule(rules.schedule()).isEmpty()) {
                throw new IllegalArgumentException("schedule: no schedule " + rules.schedule());
            }
        }
        table.put(user, rules);
        LOG.log(Level.INFO, "Call forwarding of " + user + " set: " + rules);
        return rules(user);
    }

    /** @return why the user's calls cannot go to this destination, or null when they can */
    String problem(String user, String to) {
        if (ForwardingRules.VOICEMAIL.equals(to)) {
            Voicemail v = voicemail;
            return v == null ? "no voicemail is installed"
                    : v.enabled(user) ? null : user + "'s mailbox is off: switch it on first";
        }
        if (!to.matches("[A-Za-z0-9+._-]{1,64}")) {
            // a feature code would act for whoever is forwarded: *72 would set the caller's own forward
            return "'" + to + "' is no number or user (letters, digits, + . _ -, up to 64; never a feature code)";
        }
        RouteDecision d = routing.route(new RouteRequest(user, null, to, Instant.now()));
        if (d.emergency()) {
            return "forward to " + to + " refused: an emergency number; callers would reach the emergency services as "
                    + user + ", with no location and no alert";
        }
        if (d.outcome() == RouteDecision.Outcome.REJECTED) {
            return "forward to " + to + " refused: " + (d.reasons().isEmpty() ? d.status()
                    : d.reasons().get(d.reasons().size() - 1));
        }
        if (d.outcome() == RouteDecision.Outcome.USER && user.equals(d.destination())) {
            return user + " cannot forward to itself";
        }
        return null;
    }

    static String field(ForwardReason why) {
        return switch (why) {
            case UNCONDITIONAL -> "always";
            case BUSY -> "busy";
            case NO_ANSWER -> "noAnswer";
            case UNAVAILABLE -> "unavailable";
        };
    }
}
