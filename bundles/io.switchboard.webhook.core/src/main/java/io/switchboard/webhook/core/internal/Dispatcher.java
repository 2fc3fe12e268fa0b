package io.switchboard.webhook.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.switchboard.webhook.api.Delivery;

/**
 * Sends the deliveries that are due, from the database, a few at a time, and writes each outcome
 * back: delivered on a 2xx, else tried again after a wait that doubles, until the attempts are
 * used up. It looks twice a second and whenever an event was queued or a delivery finished, so the
 * next event of a call goes as soon as the one before was taken.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final int IN_FLIGHT = 8;

    private final DeliveryTable deliveries;
    private final SubscriptionTable subscriptions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("switchboard-webhooks").unstarted(r));
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicBoolean looking = new AtomicBoolean();
    private volatile WebhookSettings settings;
    /** The client and the settings it was made for, made at the first delivery: a client costs a start 0.1 s. */
    private volatile Client http;
    private volatile Instant nextCleanup = Instant.EPOCH;

    Dispatcher(DeliveryTable deliveries, SubscriptionTable subscriptions, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        settings(settings);
        timer.scheduleWithFixedDelay(this::look, 500, 500, TimeUnit.MILLISECONDS);
    }

    void settings(WebhookSettings s) {
        this.settings = s;
    }

    private record Client(WebhookSettings settings, long trustStamp, HttpClient http) {
    }

    /** @return a client for the settings in force */
    private HttpClient http(WebhookSettings s) {
        Client client = http;
        long stamp = WebhookTrust.stamp(s.trustedCertificates());
        if (client == null || client.settings() != s || client.trustStamp() != stamp) {
            client = new Client(s, stamp, HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(Math.max(1, s.timeoutSeconds())))
                    .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead past the address check
                    .sslContext(WebhookTrust.contextOrDefault(s.trustedCertificates()))
                    .build());
            http = client;
        }
        return client.http();
    }

    /** Looks for due deliveries now rather than at the next half second. */
    void wake() {
        try {
            timer.execute(this::look);
        } catch (RejectedExecutionException stopping) {
            // the bundle stops: what is pending is sent after the next start, by this server or another
        }
    }

    private void look() {
        if (!looking.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            List<Long> due = deliveries.due(now, 50);
            for (long id : due) {
                if (!slots.tryAcquire()) {
                    break; // the rest at the next look
                }
                Instant until = now.plusSeconds(settings.timeoutSeconds() + 30L);
                if (deliveries.lease(id, now, until)) {
                    deliveries.get(id).ifPresentOrElse(this::send, slots::release);
                } else {
                    slots.release(); // another server has it
                }
            }
            if (now.isAfter(nextCleanup)) {
                nextCleanup = now.plusSeconds(3600);
                deliveries.removeBefore(now.minus(Duration.ofDays(Math.max(1, settings.keepDays()))));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook deliveries: " + e.getMessage());
        } finally {
            looking.set(false);
        }
    }

    private void send(Delivery d) {
        WebhookSettings s = settings;
        HttpRequest request;
        HttpClient client;
        try {
            String url = subscriptions.get(d.subscription()).map(x -> x.url()).orElseThrow(
                    () -> new IllegalArgumentException("its subscription is gone"));
            URI target = Targets.check(url, s.allowHttp(), s.allowPrivateTargets());
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(Math.max(1, s.timeoutSeconds())))
                    .header("Content-Type", "application/json").header("User-Agent", "Switchboard-Webhooks/1")
                    .header("Switchboard-Event", d.event()).header("Switchboard-Delivery", Long.toString(d.id()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()));
            String secret = subscriptions.secret(d.subscription());
            if (secret != null) {
                b.header(Signature.HEADER, Signature.header(secret, Instant.now().getEpochSecond(), d.payload()));
            }
            request = b.build();
            client = http(s);
        } catch (RuntimeException e) {
            finish(d, null, e.getMessage() != null ? e.getMessage() : e.toString());
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                finish(d, null, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                        + cause.getMessage()));
            } else {
                finish(d, response.statusCode(), null);
            }
        });
    }

    private void finish(Delivery d, Integer status, String error) {
        try {
            Instant now = Instant.now();
            if (status != null && status >= 200 && status < 300) {
                deliveries.delivered(d.id(), status, now);
            } else {
                int attempts = d.attempts() + 1;
                WebhookSettings s = settings;
                Instant next = attempts >= s.maxAttempts() ? null
                        : now.plusSeconds(Math.min(3600L, (long) Math.max(1, s.retrySeconds()) << Math.min(20, attempts - 1)));
                deliveries.failed(d.id(), status, error != null ? error : "HTTP " + status, next);
                if (next == null) {
                    LOG.log(Level.WARNING, "Webhook delivery " + d.id() + " (" + d.event() + ") to subscription "
                            + d.subscription() + " given up after " + attempts + " attempts: "
                            + (error != null ? error : "HTTP " + status));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook delivery " + d.id() + ": " + e.getMessage());
        } finally {
            slots.release();
            wake();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
