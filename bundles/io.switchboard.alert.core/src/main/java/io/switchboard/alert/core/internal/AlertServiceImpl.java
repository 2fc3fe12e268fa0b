package io.switchboard.alert.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertEvents;
import io.switchboard.alert.api.AlertNotifier;
import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.AlertService;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.queue.api.Queues;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.store.api.Store;
import io.switchboard.testcall.api.TestCallEvents;

/**
 * The alert service: evaluates the KPI rules every minute and the built-in ones from the switch's
 * events, records alerts in the database (firing ones go on firing across a restart), posts them
 * as events and hands them to the notifiers.
 */
@Component(service = { AlertService.class, EventHandler.class }, configurationPid = AlertConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                "event.topics=" + SipEvents.TRUNK_TOPIC_PREFIX + "*", "event.topics=" + SipEvents.REGISTERED,
                "event.topics=" + SipEvents.LOCKED, "event.topics=" + SipEvents.CALL_STARTED,
                "event.topics=" + SipEvents.CALL_ENDED,
                "event.topics=" + TestCallEvents.TOPIC_PREFIX + "*" })
@Designate(ocd = AlertConfig.class)
public class AlertServiceImpl implements AlertService, EventHandler, Tracker.Sink {

    private static final Logger LOG = System.getLogger(AlertServiceImpl.class.getName());

    private final AlertBook book;
    private final EventAdmin events;
    private final Tracker tracker = new Tracker(this);
    private final KpiRules kpiRules;
    private final EventRules eventRules;
    private final ScheduledExecutorService timer;
    private final Notifications notifications = new Notifications();
    private final List<ConfiguredRule> configured = new CopyOnWriteArrayList<>();
    private final Map<String, AlertRule> rulesByName = new ConcurrentHashMap<>();
    private volatile List<AlertRule> apiRules;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NumberNormalization numbers;

    /** The number inventory, for its porting dates and quarantined numbers; its rules are quiet without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NumberService inventory;

    /** The call queues, for their service level and their lines; their rules are quiet without them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Queues queues;

    @Activate
    public AlertServiceImpl(@Reference KpiService kpi, @Reference Store store, @Reference EventAdmin events,
            BundleContext context, AlertConfig config) {
        store.migrate(context.getBundle(), "db/io.switchboard.alert.core.changelog.xml");
        this.book = new AlertBook(store.dataSource(), Json.MAPPER);
        this.events = events;
        this.kpiRules = new KpiRules(kpi, tracker);
        this.eventRules = new EventRules(tracker, () -> numbers, () -> inventory, () -> queues);
        this.apiRules = book.rules();
        for (Alert a : book.firing()) {
            tracker.restore(a.rule(), a.subject(), a.id());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-alerts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::evaluateQuietly, 10, Math.max(5, config.evaluateSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
        notifications.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(ConfiguredRule rule) {
        configured.add(rule);
    }

    void removeRule(ConfiguredRule rule) {
        configured.remove(rule);
        if (rule(rule.rule.name()).isEmpty()) {
            tracker.forget(rule.rule.name(), "The rule " + rule.rule.name() + " was removed");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addNotifier(AlertNotifier notifier, Map<String, Object> properties) {
        notifications.add(notifier, properties);
    }

    void removeNotifier(AlertNotifier notifier) {
        notifications.remove(notifier);
    }

    @Override
    public List<AlertRule> rules() {
        Map<String, AlertRule> all = new LinkedHashMap<>();
        Rules.DEFAULTS.forEach(r -> all.put(r.name(), r));
        apiRules.forEach(r -> all.put(r.name(), r));
        configured.forEach(c -> all.put(c.rule.name(), c.rule));
        return List.copyOf(all.values());
    }

    @Override
    public Optional<AlertRule> rule(String name) {
        return rules().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public AlertRule saveRule(AlertRule rule) {
        AlertRule checked = Rules.check(rule.withSource(Rules.API));
        if (configured.stream().anyMatch(c -> c.rule.name().equals(rule.name()))) {
            throw new IllegalArgumentException("Rule " + rule.name() + " is defined in a .cfg file of the settings "
                    + "folder (" + RuleConfig.PID + "): change it there");
        }
        Optional<AlertRule> before = rule(rule.name());
        book.save(checked);
        apiRules = book.rules();
        if (before.isPresent() && (!before.get().equals(checked) || !checked.enabled())) {
            tracker.forget(rule.name(), "The rule " + rule.name() + " was changed");
        }
        return checked;
    }

    @Override
    public boolean deleteRule(String name) {
        if (configured.stream().anyMatch(c -> c.rule.name().equals(name))) {
            throw new IllegalArgumentException("Rule " + name + " is defined in a .cfg file of the settings folder ("
                    + RuleConfig.PID + "): remove it there");
        }
        boolean deleted = book.delete(name);
        apiRules = book.rules();
        if (deleted) {
            tracker.forget(name, "The rule " + name + " was deleted");
        } else if (Rules.DEFAULTS.stream().anyMatch(r -> r.name().equals(name))) {
            throw new IllegalArgumentException("Rule " + name + " is built in: disable it instead (PUT with "
                    + "\"enabled\": false)");
        }
        return deleted;
    }

    @Override
    public List<String> notifiers() {
        return notifications.names();
    }

    @Override
    public List<Alert> firing() {
        return book.firing();
    }

    @Override
    public List<Alert> history(Instant from, Instant to, int limit) {
        return book.history(from, to, limit);
    }

    @Override
    public List<Alert> evaluate() {
        Instant now = Instant.now();
        for (AlertRule r : rules()) {
            if (r.enabled() && (r.kind() == RuleKind.THRESHOLD || r.kind() == RuleKind.BASELINE)) {
                try {
                    kpiRules.evaluate(r, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "Alert rule " + r.name() + " could not be evaluated: " + e.getMessage(), e);
                }
            }
        }
        eventRules.tick(rules(), now);
        return firing();
    }

    @Override
    public void handleEvent(Event event) {
        eventRules.event(event, rules(), Instant.now());
    }

    @Override
    public long fire(AlertRule rule, String subject, String message, Double value, Double reference) {
        Instant now = Instant.now();
        long id = book.fire(rule, subject, message, value, reference, now);
        LOG.log(Level.WARNING, "Alert " + rule.name() + " (" + rule.severity() + ") fires: " + message);
        rulesByName.put(rule.name(), rule);
        announce(AlertEvents.FIRING, id, rule);
        return id;
    }

    @Override
    public void resolve(long id, String message) {
        book.resolve(id, Instant.now());
        Alert a = book.get(id).orElseThrow();
        LOG.log(Level.INFO, "Alert " + a.rule() + " resolved: " + message);
        AlertRule rule = rule(a.rule()).orElse(rulesByName.get(a.rule()));
        announce(AlertEvents.RESOLVED, id, rule);
    }

    private void announce(String topic, long id, AlertRule rule) {
        Alert a = book.get(id).orElseThrow();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AlertEvents.ID, a.id());
        props.put(AlertEvents.RULE, a.rule());
        props.put(AlertEvents.KIND, a.kind().id());
        props.put(AlertEvents.SUBJECT, a.subject());
        props.put(AlertEvents.SEVERITY, a.severity());
        props.put(AlertEvents.MESSAGE, a.message());
        events.postEvent(new Event(topic, props));
        notifications.send(a, rule == null ? List.of() : rule.notifiers(), results -> {
            List<String> all = new ArrayList<>(book.get(id).map(Alert::notified).orElse(List.of()));
            results.forEach(r -> all.add((a.firing() ? "fired, " : "resolved, ") + r));
            book.notified(id, all);
        });
    }

    private void tick() {
        try {
            eventRules.tick(rules(), Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Alert rules: " + e.getMessage(), e);
        }
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Alert rules: " + e.getMessage(), e);
        }
    }
}
