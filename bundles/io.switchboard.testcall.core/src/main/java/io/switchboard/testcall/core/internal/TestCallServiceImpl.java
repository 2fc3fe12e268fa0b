package io.switchboard.testcall.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;
import io.switchboard.sip.api.CallTagger;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.store.api.Store;
import io.switchboard.testcall.api.Outcome;
import io.switchboard.testcall.api.TestCallEvents;
import io.switchboard.testcall.api.TestCallResult;
import io.switchboard.testcall.api.TestCallSchedule;
import io.switchboard.testcall.api.TestCallService;

/**
 * Runs the schedules on one thread, one test call at a time, from the server's own phone (a SIP user
 * of its own). While a call of a schedule with a trunk is placed, the routing policy keeps only that
 * trunk for the phone's calls; the tagger marks the records of the phone's calls {@code synthetic}.
 */
@Component(service = { TestCallService.class, RoutingPolicy.class, CallTagger.class },
        property = RoutingPolicy.NAME + "=test-calls")
@Designate(ocd = TestCallConfig.class)
public class TestCallServiceImpl implements TestCallService, RoutingPolicy, CallTagger {

    static final String TAG = "synthetic";
    private static final Logger LOG = System.getLogger(TestCallServiceImpl.class.getName());
    private static final long TICK_SECONDS = 10;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RoutingService routing;

    private final PhoneEngine engine;
    private final UserService users;
    private final EventAdmin events;
    private final TestCallStore store;
    private final Prober prober;
    private final TestCallConfig config;
    private final int sipPort;
    private final ScheduledExecutorService worker;
    private final Map<String, TestCallSchedule> configured = new ConcurrentHashMap<>();
    private final Map<String, TestCallSchedule> fromApi = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    /** SIP Call-IDs of the phone's calls, out and back in, and the schedule each was for */
    private final Map<String, String> callSchedules = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 1000;
                }
            });
    private volatile TestCallSchedule current;
    private Phone phone;

    @Activate
    public TestCallServiceImpl(@Reference PhoneEngine engine, @Reference UserService users, @Reference Store store,
            @Reference EventAdmin events, BundleContext context, TestCallConfig config) {
        this.engine = engine;
        this.users = users;
        this.events = events;
        this.config = config;
        store.migrate(context.getBundle(), "db/io.switchboard.testcall.core.changelog.xml");
        this.store = new TestCallStore(store.dataSource());
        this.prober = new Prober(engine);
        String port = context.getProperty("switchboard.sip.port");
        this.sipPort = port == null ? 5060 : Integer.parseInt(port);
        this.store.schedules().forEach(s -> fromApi.put(s.name(), s));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-testcall");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::due, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        if (phone != null) {
            phone.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSchedule(ConfiguredSchedule c) {
        configured.put(c.schedule.name(), c.schedule);
    }

    void removeSchedule(ConfiguredSchedule c) {
        configured.remove(c.schedule.name(), c.schedule);
    }

    @Override
    public List<TestCallSchedule> schedules() {
        Map<String, TestCallSchedule> all = new HashMap<>(fromApi);
        all.putAll(configured);
        List<TestCallSchedule> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(TestCallSchedule::name));
        return list;
    }

    @Override
    public Optional<TestCallSchedule> schedule(String name) {
        TestCallSchedule s = configured.get(name);
        return Optional.ofNullable(s != null ? s : fromApi.get(name));
    }

    @Override
    public TestCallSchedule saveSchedule(TestCallSchedule s) {
        if (configured.containsKey(s.name())) {
            throw new IllegalArgumentException("Test call " + s.name() + " is defined in a .cfg file ("
                    + ScheduleConfig.PID + "): change it there");
        }
        refuseSpecial(s.number());
        TestCallSchedule saved = new TestCallSchedule(s.name(), s.trunk(), s.number(), s.intervalMinutes(),
                s.answerSeconds(), s.listenSeconds(), s.audio(), s.minMos(), s.enabled(), TestCallSchedule.API);
        store.save(saved);
        fromApi.put(saved.name(), saved);
        return saved;
    }

    /**
     * The test-call account may call abroad: a feature code would change its settings, and an emergency
     * number would be called again and again, every interval.
     */
    private void refuseSpecial(String number) {
        if (number.indexOf('*') >= 0 || number.indexOf('#') >= 0) {
            throw new IllegalArgumentException(number + " is a feature code: test calls go to numbers");
        }
        RoutingService r = routing;
        if (r != null && r.route(new RouteRequest(null, null, number, Instant.now())).emergency()) {
            throw new IllegalArgumentException(number + " is an emergency number: test the emergency address with "
                    + "the emergency test number instead");
        }
    }

    @Override
    public boolean deleteSchedule(String name) {
        if (configured.containsKey(name)) {
            throw new IllegalArgumentException("Test call " + name + " is defined in a .cfg file ("
                    + ScheduleConfig.PID + "): remove it there");
        }
        fromApi.remove(name);
        return store.delete(name);
    }

    @Override
    public TestCallResult run(String name) {
        TestCallSchedule s = schedule(name).orElseThrow(() -> new IllegalArgumentException("No test call '" + name
                + "'"));
        try {
            return worker.submit(() -> place(s)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while test call " + name + " ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Test call " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public List<TestCallResult> results(String name, int limit) {
        return store.results(name, limit);
    }

    /** Keeps only the schedule's trunk for the phone's call while it is placed. */
    @Override
    public RouteDecision apply(RouteRequest request, RouteDecision decision) {
        TestCallSchedule s = current;
        if (s == null || s.trunk() == null || request.trunkIn() != null
                || !config.probeUser().equals(request.caller())) {
            return decision;
        }
        List<TrunkChoice> only = decision.trunks().stream().filter(t -> t.trunk().equals(s.trunk())).toList();
        if (only.isEmpty()) {
            return decision.rejected(403, "test call " + s.name() + ": route " + decision.route()
                    + " does not use trunk " + s.trunk());
        }
        return decision.withTrunks(only, "test call " + s.name() + ": trunk " + s.trunk() + " only");
    }

    @Override
    public Map<String, String> tags(String caller, List<String> sipCallIds) {
        for (String id : sipCallIds) {
            String schedule = callSchedules.get(id);
            if (schedule != null) {
                return Map.of(TAG, schedule);
            }
        }
        return config.probeUser().equals(caller) ? Map.of(TAG, "-") : Map.of();
    }

    /** Runs every schedule whose time has come: on the worker thread, one after the other. */
    private void due() {
        Instant now = Instant.now();
        for (TestCallSchedule s : schedules()) {
            Instant last = lastRun.get(s.name());
            if (s.enabled() && (last == null || !now.isBefore(last.plusSeconds(60L * s.intervalMinutes())))) {
                try {
                    place(s);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Test call " + s.name() + " could not run: " + e.getMessage(), e);
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private TestCallResult place(TestCallSchedule s) {
        current = s;
        TestCallResult r;
        try {
            r = prober.probe(phone(), s, id -> callSchedules.put(id, s.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped", e);
        } catch (RuntimeException e) {
            r = new TestCallResult(0, s.name(), s.trunk(), s.number(), Instant.now(), Outcome.ERROR,
                    "the server could not place it: " + e.getMessage(), 0, null, null, null, null);
        } finally {
            current = null;
        }
        lastRun.put(s.name(), r.started());
        TestCallResult stored = store.add(r);
        Map<String, Object> props = new HashMap<>();
        props.put(TestCallEvents.SCHEDULE, s.name());
        if (s.trunk() != null) {
            props.put(TestCallEvents.TRUNK, s.trunk());
        }
        props.put(TestCallEvents.NUMBER, s.number());
        props.put(TestCallEvents.OUTCOME, r.outcome().id());
        props.put(TestCallEvents.REASON, r.reason());
        events.postEvent(new Event(r.outcome().passed() ? TestCallEvents.PASSED : TestCallEvents.FAILED, props));
        LOG.log(r.outcome().passed() ? Level.INFO : Level.WARNING, "Test call " + s.name() + " to " + s.number()
                + (s.trunk() == null ? "" : " through " + s.trunk()) + ": " + r.outcome() + ", " + r.reason());
        return stored;
    }

    /** The server's phone, opened at the first test call; its user is made or its password renewed then. */
    private Phone phone() {
        if (phone == null) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            users.save(new SipUser(config.probeUser(), "Switchboard test calls", true, null, null), password);
            // carriers' echo test numbers may be abroad; the account's secret never leaves the server
            users.savePolicy(config.probeUser(), new CallingPolicy(CallClass.INTERNATIONAL, null, null));
            phone = engine.open(new PhoneAccount(config.probeUser(), config.sipHost(), password, config.sipHost(),
                    sipPort, Transport.UDP, "Switchboard test calls", 300), new PhoneListener() {
                        @Override
                        public void incoming(PhoneCall call) {
                            TestCallSchedule s = current;
                            callSchedules.put(call.id(), s == null ? "-" : s.name());
                            EchoAudio echo = new EchoAudio();
                            call.answer(echo, echo);
                        }
                    });
        }
        return phone;
    }
}
