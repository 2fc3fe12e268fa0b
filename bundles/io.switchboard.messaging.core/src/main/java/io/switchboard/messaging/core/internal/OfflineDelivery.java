package io.switchboard.messaging.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.sip.api.SipEvents;

/**
 * Delivers the messages waiting for a user when one of its phones registers, oldest first, each
 * claimed first so that a cluster delivers it once. A phone's 2xx delivers it, a refusal fails it
 * for good; when no phone takes it now it waits for the next registration.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + SipEvents.REGISTERED)
public class OfflineDelivery implements EventHandler {

    private static final Logger LOG = System.getLogger(OfflineDelivery.class.getName());
    /** Longer than a transaction's timeout (32 s): a claim outlives the delivery it covers. */
    private static final long CLAIM_SECONDS = 60;

    @Reference
    private MessageStore store;

    @Reference
    private MessageDelivery delivery;

    /** Deliveries wait for the phones' answers: never on Event Admin's thread, which must not block. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-messages-delivery");
        t.setDaemon(true);
        return t;
    });

    @Deactivate
    void stop() {
        worker.shutdownNow();
    }

    /** Users whose delivery waits for the worker: a registration storm queues each user once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    @Override
    public void handleEvent(Event event) {
        Object user = event.getProperty(SipEvents.USER);
        if (user != null && queued.add(user.toString())) {
            worker.execute(() -> deliverAll(user.toString()));
        }
    }

    private void deliverAll(String user) {
        queued.remove(user);
        try {
            for (TextMessage m : store.pending(user)) {
                if (store.claim(m, Duration.ofSeconds(CLAIM_SECONDS))) {
                    deliver(m);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot deliver the messages waiting for " + user + ": " + e.getMessage());
        }
    }

    /** One at a time, in order: the next goes when the phone answered this one. */
    private void deliver(TextMessage m) {
        int status;
        try {
            status = delivery.deliver(m).toCompletableFuture().get(CLAIM_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            status = 408;
        }
        Instant now = Instant.now();
        if (status / 100 == 2) {
            store.update(m.with(MessageState.DELIVERED, now, null));
        } else if (status == 408 || status == 480 || status == 503 || status == 504) {
            store.update(m.with(MessageState.STORED, now, "Not taken at " + now + " (" + status + ")"));
        } else {
            store.update(m.with(MessageState.FAILED, now, "Refused by the phone with " + status));
        }
    }
}
