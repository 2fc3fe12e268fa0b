package io.switchboard.sip.core.internal.push;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.switchboard.sip.api.push.PushNotifier;
import io.switchboard.sip.api.push.PushRequest;
import io.switchboard.sip.core.internal.registrar.SipStore;

/**
 * Wakes phones that sleep behind a push service (RFC 8599). A phone registers with the URI
 * parameters {@code pn-provider}, {@code pn-prid} and {@code pn-param} in its Contact; a call for its
 * user sends it a push through the {@link PushNotifier} of its provider and waits, at most the
 * setting {@code pushWait}, until the phone registers again (its binding with the same {@code pn-prid}
 * renewed after the push), then rings the user's phones. The bindings are read from the database,
 * so the phone may register with any server of a cluster.
 */
public final class PushWake {

    private static final Logger LOG = System.getLogger(PushWake.class.getName());
    private static final long POLL_MILLIS = 100;

    /** A binding's push parameters, from its Contact. */
    public record Push(String provider, String prid, String param) {
    }

    /** How waking went: how long until the phone registered again (-1 when it did not), and why not. */
    public record Outcome(long millis, String failure) {

        /** @return how the call record tells it: "woken in 620 ms", or "not woken: why" */
        public String tag() {
            return failure == null ? "woken in " + millis + " ms" : "not woken: " + failure;
        }
    }

    private final SipStore store;
    private final Supplier<List<PushNotifier>> notifiers;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final long waitMillis;

    public PushWake(SipStore store, Supplier<List<PushNotifier>> notifiers, ScheduledExecutorService timer,
            ExecutorService senders, long waitMillis) {
        this.store = store;
        this.notifiers = notifiers;
        this.timer = timer;
        this.senders = senders;
        this.waitMillis = waitMillis;
    }

    /** @return the push parameters of a Contact URI, or empty when it has none */
    public static Optional<Push> of(String contact) {
        if (!contact.toLowerCase(Locale.ROOT).contains("pn-prid")) {
            return Optional.empty(); // most contacts: asked of every binding of every call and message
        }
        String provider = param(contact, "pn-provider");
        String prid = param(contact, "pn-prid");
        return provider == null || prid == null ? Optional.empty()
                : Optional.of(new Push(provider, prid, param(contact, "pn-param")));
    }

    /** @return whether a notifier serves this provider */
    public boolean supports(String provider) {
        return notifier(provider).isPresent();
    }

    /** @return the providers served, as {@code +sip.pns} lists them */
    public List<String> providers() {
        return notifiers.get().stream().map(PushNotifier::provider).distinct().toList();
    }

    /** @return whether any of the bindings is a phone to wake before it can ring */
    public boolean sleeping(List<SipStore.Binding> bindings) {
        return bindings.stream().anyMatch(b -> of(b.contact()).isPresent());
    }

    /**
     * Sends each sleeping phone of the user its push, and tells {@code then} once one of them has
     * registered again, or the wait is over.
     */
    public void wake(String user, List<SipStore.Binding> bindings, String callId, String reason,
            Consumer<Outcome> then) {
        Instant pushed = Instant.now();
        List<Push> woken = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        for (SipStore.Binding b : bindings) {
            of(b.contact()).ifPresent(push -> {
                woken.add(push);
                senders.execute(() -> send(push, user, callId, reason, failures));
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        timer.schedule(() -> poll(user, woken, pushed, deadline, failures, then), POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void send(Push push, String user, String callId, String reason, List<String> failures) {
        Optional<PushNotifier> notifier = notifier(push.provider());
        try {
            if (notifier.isEmpty()) {
                throw new IllegalStateException("no notifier for " + push.provider());
            }
            notifier.get().push(new PushRequest(push.provider(), push.prid(), push.param(), user, reason, callId));
        } catch (Exception e) {
            failures.add(push.provider() + ": " + e.getMessage());
            LOG.log(Level.WARNING, "Cannot wake a phone of " + user + " through " + push.provider() + ": "
                    + e.getMessage());
        }
    }

    private void poll(String user, List<Push> woken, Instant pushed, long deadline, List<String> failures,
            Consumer<Outcome> then) {
        try {
            for (SipStore.Binding b : store.bindings(user, Instant.now())) {
                Optional<Push> push = of(b.contact());
                if (push.isPresent() && woken.stream().anyMatch(w -> w.prid().equals(push.get().prid()))
                        && b.registered() != null && b.registered().isAfter(pushed)) {
                    then.accept(new Outcome(Duration.between(pushed, Instant.now()).toMillis(), null));
                    return;
                }
            }
            if (System.nanoTime() > deadline || failures.size() >= woken.size()) {
                then.accept(new Outcome(-1, failures.isEmpty() ? "no phone registered within " + waitMillis + " ms"
                        : String.join("; ", failures)));
                return;
            }
            timer.schedule(() -> poll(user, woken, pushed, deadline, failures, then), POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            then.accept(new Outcome(-1, "cannot read the bindings: " + e.getMessage()));
        }
    }

    private Optional<PushNotifier> notifier(String provider) {
        return notifiers.get().stream().filter(n -> n.provider().equalsIgnoreCase(provider)).findFirst();
    }

    /** @return a URI parameter's value ({@code ;name=value}), or null */
    static String param(String uri, String name) {
        int end = uri.indexOf('>');
        String u = end < 0 ? uri : uri.substring(0, end);
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        for (String part : u.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
