package io.switchboard.sip.routing;


import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.sip.api.TrunkHealth;
import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.hunting.HuntGroups;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;
import io.switchboard.sip.api.schedule.Schedules;

/**
 * The routing service: {@link Router} on the provisioning services, with the routing policies and
 * call targets that plugins register, and the trunks' live state while the switch runs (the
 * simulator also answers while it does not: then a trunk is usable when it is enabled).
 */
@Component(service = { RoutingService.class, RoutingEngine.class }, configurationPid = CallingSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CallingSettings.class)
public class RoutingEngine implements RoutingService {

    private static final Logger LOG = System.getLogger(RoutingEngine.class.getName());

    /** Highest ranking first: a service reference's natural order is ranking, then age. */
    private final Map<ServiceReference<RoutingPolicy>, Router.Policy> policies = new ConcurrentSkipListMap<>(
            Comparator.reverseOrder());
    private final Map<ServiceReference<CallTarget>, CallTarget> targets = new ConcurrentSkipListMap<>(
            Comparator.reverseOrder());
    /**
     * The ring groups, looked up when a call asks, not bound by SCR: the groups service holds routing and
     * schedules, and the schedules hold the groups; with the groups bound while they activated, SCR's
     * cycle detection left routing without them now and then (a group saved was unknown to routing for
     * good, SchedulesIT and GroupsIT). The tracker opens at the first call that asks, outside any
     * activation: opening it gets the services it finds.
     */
    private final ServiceTracker<HuntGroups, HuntGroups> huntGroups;
    private volatile boolean tracking;
    private final TrunkService trunks;
    private final Router router;
    private volatile NumberNormalization numbering;
    private volatile TrunkHealth health;
    private volatile CallingRules calling;
    private volatile EmergencyDialling emergency;
    private volatile Schedules schedules;
    private final UserService users;

    @Activate
    public RoutingEngine(CallingSettings settings, @Reference UserService users, @Reference SipCredentials credentials,
            @Reference NumberService numbers, @Reference RouteService routes, @Reference TrunkService trunks,
            BundleContext context) {
        this.huntGroups = new ServiceTracker<>(context, HuntGroups.class, null);
        this.trunks = trunks;
        this.users = users;
        this.calling = CallingRules.of(settings);
        this.emergency = EmergencyDialling.of(settings);
        this.router = new Router(users, credentials, numbers, routes, this::e164,
                new Routing.TrunkCheck() {
                    @Override
                    public String unusable(String trunk) {
                        return RoutingEngine.this.unusable(trunk, false);
                    }

                    @Override
                    public String unusableForEmergency(String trunk) {
                        return RoutingEngine.this.unusable(trunk, true);
                    }
                }, () -> List.copyOf(policies.values()), this::targetKind,
                () -> calling, this::ownPolicy, this::describe, new Routing.ScheduleCheck() {
                    @Override
                    public ScheduleState named(String name, Instant when) {
                        return schedule(name, when);
                    }

                    @Override
                    public ScheduleState unnamed(Schedule s, Instant when) {
                        Schedules service = schedules;
                        return service == null ? new ScheduleState(s.name(), false,
                                "closed: no schedule service is running") : service.state(s, when);
                    }
                }, () -> emergency);
    }

    /**
     * New calling settings apply from the next call. A refused change (a blocklist entry that is no
     * prefix, an unknown class) is an error naming the setting, and the settings before it stay: the
     * switch never falls back to the defaults, which block nothing.
     */
    @Modified
    void modified(CallingSettings settings) {
        try {
            EmergencyDialling e = EmergencyDialling.of(settings);
            this.calling = CallingRules.of(settings);
            this.emergency = e;
        } catch (IllegalArgumentException refused) {
            LOG.log(Level.ERROR, refused.getMessage() + "; the calling settings before this change stay in force");
        }
    }

    /** @return the emergency call that a Request-URI's user part (or service URN) dials, or null for none */
    public EmergencyDialling.Dial emergency(String dialled) {
        return emergency.recognize(dialled, this::describe);
    }

    /** @return which numbers are emergency calls, and their route */
    public EmergencyDialling emergencyDialling() {
        return emergency;
    }

    /** @return the user's calling policy with the server's defaults where it has none of its own */
    public CallingPolicy policyOf(String user) {
        return ownPolicy(user).or(calling.defaults());
    }

    /** @return the defaults of users' calling policies, and the blocked destinations */
    public CallingRules calling() {
        return calling;
    }

    private CallingPolicy ownPolicy(String user) {
        return user == null || user.isBlank() ? CallingPolicy.DEFAULTS
                : users.policy(user).orElse(CallingPolicy.DEFAULTS);
    }

    /** @return what kind of number was dialled, or null when the numbering service is away or cannot tell */
    public NumberInfo describe(String dialled) {
        NumberNormalization n = numbering;
        if (n == null || dialled == null || dialled.chars().anyMatch(Character::isLetter)) {
            return null;
        }
        try {
            return n.describe(dialled, null);
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        return router.route(request);
    }

    /** @return the decision a call would get if the route table were {@code table} (a kept version) */
    public RouteDecision route(RouteRequest request, List<Route> table) {
        return router.route(request, table);
    }

    /** @return the E.164 form of what was dialled, by the numbering service when there is one, or null */
    public String e164(String dialled) {
        return E164.of(numbering, dialled);
    }

    /**
     * @return the call target registered under this name, highest ranking first; else the one whose
     *         name is the longest prefix of it among those that take prefixes ({@link CallTarget#PREFIX})
     */
    public Optional<CallTarget> target(String name) {
        CallTarget byPrefix = null;
        int longest = 0;
        for (Map.Entry<ServiceReference<CallTarget>, CallTarget> e : targets.entrySet()) {
            String own = String.valueOf(e.getKey().getProperty(CallTarget.NAME));
            if (name.equals(own)) {
                return Optional.of(e.getValue());
            }
            if (own.length() > longest && name.startsWith(own)
                    && Boolean.TRUE.equals(e.getKey().getProperty(CallTarget.PREFIX))) {
                byPrefix = e.getValue();
                longest = own.length();
            }
        }
        return Optional.ofNullable(byPrefix);
    }

    /** @return whether the target asked to have its calls anchored on the relay ({@link CallTarget#ANCHORED}) */
    public boolean anchored(CallTarget target) {
        for (Map.Entry<ServiceReference<CallTarget>, CallTarget> e : targets.entrySet()) {
            if (e.getValue() == target) {
                return Boolean.TRUE.equals(e.getKey().getProperty(CallTarget.ANCHORED));
            }
        }
        return false;
    }

    /** @return what serves the extension inside the server: "hunt group", "call target", or null */
    private String targetKind(String name) {
        HuntGroups g = groups();
        if (g != null && g.isGroup(name)) {
            return "hunt group";
        }
        return target(name).isPresent() ? "call target" : null;
    }

    /** @return whether the named schedule is open then; closed, saying why, when there is no schedule service */
    public ScheduleState schedule(String name, Instant when) {
        Schedules s = schedules;
        return s == null ? new ScheduleState(name, false, "closed: no schedule service is running") : s.state(name, when);
    }

    /** @return the schedules, or null when no schedule service is running */
    public Schedules schedules() {
        return schedules;
    }

    /**
     * @return why calls cannot go to this destination of a number (a user, a group or call target, or
     *         {@code voicemail:USER}), or null when they can
     */
    public String destinationProblem(String destination) {
        String mailbox = destination.startsWith(Router.MAILBOX) ? destination.substring(Router.MAILBOX.length()) : null;
        if (mailbox != null) {
            return users.user(mailbox).isPresent() ? null : "no user " + mailbox + " has a mailbox";
        }
        return users.user(destination).isPresent() || targetKind(destination) != null ? null
                : "not a SIP user, group or call target";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSchedules(Schedules s) {
        this.schedules = s;
    }

    void unsetSchedules(Schedules s) {
        if (this.schedules == s) {
            this.schedules = null;
        }
    }

    /** @return the group service that ranks highest, or null when none is installed */
    public HuntGroups groups() {
        if (!tracking) {
            synchronized (huntGroups) {
                if (!tracking) {
                    huntGroups.open();
                    tracking = true;
                }
            }
        }
        return huntGroups.getService();
    }

    @Deactivate
    void stop() {
        huntGroups.close();
    }

    /** @return the names of the routing policies in the order they apply */
    List<String> policyNames() {
        List<String> out = new ArrayList<>();
        policies.values().forEach(p -> out.add(p.name()));
        return out;
    }

    private String unusable(String name, boolean emergencyCall) {
        Optional<Trunk> t = trunks.trunk(name);
        if (t.isEmpty()) {
            return "no such trunk";
        }
        TrunkHealth h = health;
        TrunkState s = h == null ? null : h.state(name).orElse(null);
        return TrunkUse.unusable(t.get(), s, Instant.now(), emergencyCall);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(ServiceReference<RoutingPolicy> ref, RoutingPolicy policy) {
        Object name = ref.getProperty(RoutingPolicy.NAME);
        policies.put(ref, new Router.Policy(name == null ? policy.getClass().getName() : name.toString(), policy));
    }

    void removePolicy(ServiceReference<RoutingPolicy> ref) {
        policies.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTarget(ServiceReference<CallTarget> ref, CallTarget target) {
        targets.put(ref, target);
    }

    void removeTarget(ServiceReference<CallTarget> ref) {
        targets.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setNumbering(NumberNormalization n) {
        this.numbering = n;
    }

    void unsetNumbering(NumberNormalization n) {
        if (this.numbering == n) {
            this.numbering = null;
        }
    }

    /**
     * The trunks' live state while the switch runs, given by the switch itself: a service reference
     * would make a cycle (the switch needs routing to start), which SCR resolves but logs as an error.
     *
     * @param h the switch's trunk health
     */
    public void useHealth(TrunkHealth h) {
        this.health = h;
    }

    /** The switch that gave its trunk health stops. */
    public void forgetHealth(TrunkHealth h) {
        if (this.health == h) {
            this.health = null;
        }
    }
}
