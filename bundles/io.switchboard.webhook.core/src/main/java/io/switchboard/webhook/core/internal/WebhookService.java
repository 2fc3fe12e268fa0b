package io.switchboard.webhook.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.alert.api.AlertEvents;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrListener;
import io.switchboard.messaging.api.MessageEvents;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.store.api.Store;
import io.switchboard.voicemail.api.VoicemailEvents;
import io.switchboard.webhook.api.Delivery;
import io.switchboard.parking.api.ParkingEvents;
import io.switchboard.queue.api.QueueEvents;
import io.switchboard.webhook.api.Subscription;
import io.switchboard.webhook.api.WebhookEvents;
import io.switchboard.webhook.api.Webhooks;

/**
 * The webhooks: subscriptions and deliveries in the database, the switch's events turned into
 * deliveries for the subscriptions that want them, and the {@link Dispatcher} that sends them.
 * Events are queued on a thread of its own, so neither Event Admin's nor the call records' thread
 * waits for the database.
 */
@Component(service = { Webhooks.class, WebhookService.class, EventHandler.class, CdrListener.class },
        configurationPid = WebhookSettings.PID, property = {
                EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + MessageEvents.STORED,
                EventConstants.EVENT_TOPIC + "=" + VoicemailEvents.LEFT,
                EventConstants.EVENT_TOPIC + "=" + AlertEvents.TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + QueueEvents.TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + ParkingEvents.TOPIC_PREFIX + "*" })
@Designate(ocd = WebhookSettings.class)
public class WebhookService implements Webhooks, EventHandler, CdrListener {

    private static final Logger LOG = System.getLogger(WebhookService.class.getName());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Subscriptions read from the database at most this often by the event path: another server's changes show within it. */
    private static final long CACHE_NANOS = 5_000_000_000L;
    static final ObjectMapper JSON = ApiJson.MAPPER;

    private final SubscriptionTable subscriptions;
    private final DeliveryTable deliveries;
    private final Dispatcher dispatcher;
    /** Events waiting to be written as deliveries: bounded, so that a stuck database costs events, never calls. */
    static final int QUEUE = 10_000;
    private final ThreadPoolExecutor queueing = new ThreadPoolExecutor(1, 1, 0,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
            r -> Thread.ofPlatform().daemon().name("switchboard-webhook-queue").unstarted(r));
    private final AtomicLong dropped = new AtomicLong();
    private volatile WebhookSettings settings;
    private volatile List<Subscription> cached = List.of();
    private volatile long cachedAt;
    private volatile boolean stale = true;

    @Activate
    public WebhookService(WebhookSettings settings, @Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.webhook.core.changelog.xml");
        this.subscriptions = new SubscriptionTable(store.dataSource());
        this.deliveries = new DeliveryTable(store.dataSource());
        WebhookTrust.contextOrDefault(settings.trustedCertificates()); // a bad file is named at the start
        this.settings = settings;
        this.dispatcher = new Dispatcher(deliveries, subscriptions, settings);
    }

    @Modified
    void modified(WebhookSettings s) {
        WebhookTrust.contextOrDefault(s.trustedCertificates());
        this.settings = s;
        dispatcher.settings(s);
    }

    @Deactivate
    void deactivate() {
        queueing.shutdown();
        dispatcher.close();
    }

    @Override
    public void handleEvent(Event event) {
        // only what a subscription wants goes to the writer's thread: a hand-off for each of every call's
        // events cost the switch CPU with no webhook set up (docs/benchmarks.md)
        List<Payloads.Outgoing> out = Payloads.of(event).stream().filter(o -> wanted(o.event())).toList();
        if (!out.isEmpty()) {
            Instant at = Instant.now();
            queue(() -> out.forEach(o -> publish(o.event(), o.key(), o.data(), at)));
        }
    }

    @Override
    public void stored(List<CallRecord> records) {
        Instant at = Instant.now();
        queue(() -> {
            if (wanted(WebhookEvents.CALL_RECORD)) {
                for (CallRecord r : records) {
                    publish(WebhookEvents.CALL_RECORD, r.sourceId(), r, at);
                }
            }
        });
    }

    private void queue(Runnable task) {
        try {
            queueing.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Webhook events not queued: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException full) {
            if (!queueing.isShutdown() && dropped.getAndIncrement() % 1000 == 0) {
                LOG.log(Level.WARNING, "Webhook events dropped: " + QUEUE + " wait already to be written ("
                        + dropped.get() + " dropped so far; GET /api/v1/webhooks/status)");
            }
        }
    }

    /** @return what GET /webhooks/status shows: the queue, what it dropped, the deliveries by state */
    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queued", queueing.getQueue().size());
        m.put("queueCapacity", QUEUE);
        m.put("dropped", dropped.get());
        m.put("deliveries", deliveries.counts());
        return m;
    }

    @Override
    public int publish(String event, String key, Map<String, Object> data) {
        return publish(event, key, data, Instant.now());
    }

    private int publish(String event, String key, Object data, Instant at) {
        int queued = 0;
        String body = null;
        for (Subscription s : active()) {
            if (s.wants(event)) {
                body = body != null ? body : json(Payloads.body(event, at, data));
                deliveries.add(s.id(), event, key, body, at);
                queued++;
            }
        }
        if (queued > 0) {
            dispatcher.wake();
        }
        return queued;
    }

    private boolean wanted(String event) {
        return active().stream().anyMatch(s -> s.wants(event));
    }

    private List<Subscription> active() {
        long now = System.nanoTime();
        if (stale || now - cachedAt > CACHE_NANOS) {
            stale = false;
            cached = subscriptions.all();
            cachedAt = now;
        }
        return cached;
    }

    @Override
    public List<Subscription> subscriptions() {
        return subscriptions.all();
    }

    @Override
    public Optional<Subscription> subscription(String id) {
        return subscriptions.get(id);
    }

    @Override
    public boolean save(String id, String url, List<String> events, String secret, boolean active, String description) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A subscription's id is 1 to 64 letters, digits, '.', '_' or '-': " + id);
        }
        WebhookSettings s = settings;
        String checked = Targets.check(url, s.allowHttp(), s.allowPrivateTargets()).toString();
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("events: name at least one of " + WebhookEvents.ALL + ", or \"*\"");
        }
        for (String e : events) {
            if (!e.equals("*") && !WebhookEvents.ALL.contains(e)) {
                throw new IllegalArgumentException("events: no event '" + e + "'; there are " + WebhookEvents.ALL
                        + " and \"*\" for all");
            }
        }
        if (secret != null && !secret.isEmpty() && (secret.length() < 16 || secret.length() > 200)) {
            throw new IllegalArgumentException("secret: 16 to 200 characters (or \"\" for none)");
        }
        if (description != null && description.length() > 500) {
            throw new IllegalArgumentException("description: at most 500 characters");
        }
        boolean created = subscriptions.save(id, checked, List.copyOf(events), secret, active, description);
        stale = true;
        return created;
    }

    @Override
    public boolean delete(String id) {
        boolean removed = subscriptions.delete(id);
        stale = true;
        return removed;
    }

    @Override
    public List<Delivery> deliveries(String subscription, String state, int limit) {
        return deliveries.latest(subscription, state, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public Optional<Delivery> delivery(long id) {
        return deliveries.get(id);
    }

    @Override
    public boolean resend(long id) {
        boolean queued = deliveries.resend(id, Instant.now());
        if (queued) {
            dispatcher.wake();
        }
        return queued;
    }

    @Override
    public Delivery ping(String subscription) {
        Subscription s = subscriptions.get(subscription)
                .orElseThrow(() -> new IllegalArgumentException("No subscription " + subscription));
        Instant at = Instant.now();
        long id = deliveries.add(s.id(), WebhookEvents.PING, "ping-" + at.toEpochMilli(),
                json(Payloads.body(WebhookEvents.PING, at, Map.of("subscription", s.id()))), at);
        dispatcher.wake();
        return deliveries.get(id).orElseThrow();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body cannot be written: " + e.getMessage(), e);
        }
    }
}
