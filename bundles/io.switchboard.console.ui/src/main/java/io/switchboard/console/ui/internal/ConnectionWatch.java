package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.e4.core.di.annotations.Creatable;

import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.console.ui.internal.ServerRegistry.Status;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.ServerOverview;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The console's heartbeat: every {@value #HEARTBEAT_SECONDS} s each connected server is asked for its health. One
 * that gives no answer within a beat is shown as not answering everywhere (the navigator, the overview, every view
 * of it), and is connected again on its own once it answers. At the console's start the known servers whose
 * password is in secure storage are connected the same way. A server that answers but refuses the login is left to
 * the admin.
 */
@Creatable
@Singleton
public class ConnectionWatch {

    static final int HEARTBEAT_SECONDS = 5;

    /** A question to a server, which may fail as the management client fails. */
    private interface Ask {
        void run() throws ManagementException, IOException;
    }

    private final ServerRegistry registry;
    private final ServerClients clients;
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "switchboard-console-heartbeat"));
    /** A lost server's client, kept between tries, and when to try next. */
    private static final class Retry {
        final ManagementClient client;
        volatile long next;
        volatile int tries;

        Retry(ManagementClient client) {
            this.client = client;
        }
    }

    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** The questions themselves: a server that hangs holds one of these, never the beat. */
    private final ExecutorService asks = Executors.newCachedThreadPool(r -> daemon(r, "switchboard-console-probe"));

    @Inject
    public ConnectionWatch(ServerRegistry registry, ServerClients clients) {
        this.registry = registry;
        this.clients = clients;
    }

    /** Connects the known servers that have a stored password, then keeps the beat. */
    void start() {
        for (ServerConnection c : registry.connections()) {
            if (registry.status(c).state() == State.DISCONNECTED && hasPassword(c)) {
                registry.setStatus(c, new Status(State.LOST, null, "connecting at the console's start"));
            }
        }
        beat.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    void stop() {
        beat.shutdownNow();
        asks.shutdownNow();
    }

    private void beat() {
        for (ServerConnection c : registry.connections()) {
            try {
                State state = registry.status(c).state();
                if (state == State.CONNECTED) {
                    check(c);
                } else if (state == State.LOST) {
                    reconnect(c);
                }
            } catch (RuntimeException e) {
                // one server's trouble never stops the beat for the others
            }
        }
    }

    private void check(ServerConnection c) {
        String silence = ask(() -> clients.client(c).text("health"));
        // any HTTP answer, an error included (health DOWN is 503), says the server is there
        boolean answered = silence == null || silence.startsWith("refused: ") || silence.startsWith("answered ");
        if (!answered && registry.status(c).state() == State.CONNECTED) {
            registry.setStatus(c, new Status(State.LOST, null, "not answering since "
                    + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " (" + silence
                    + "); the console connects again when it answers"));
        }
    }

    /** Tries a lost server again: at each beat for its first minute, then every half minute. */
    private void reconnect(ServerConnection c) {
        Retry retry = retries.computeIfAbsent(c.id(), id -> new Retry(new ManagementClient(c.url(), c.user(),
                password(c), () -> registry.trustedCertificate(c))));
        if (retry.next != 0 && System.nanoTime() - retry.next < 0) {
            return;
        }
        ServerOverview[] overview = new ServerOverview[1];
        String silence = ask(() -> overview[0] = retry.client.overview());
        if (registry.status(c).state() != State.LOST) {
            retries.remove(c.id()); // the admin connected, disconnected or edited it meanwhile
            return;
        }
        if (overview[0] != null) {
            retries.remove(c.id());
            clients.forget(c);
            registry.setStatus(c, new Status(State.CONNECTED, overview[0], null));
        } else if (silence.startsWith("refused: ")) {
            retries.remove(c.id());
            registry.setStatus(c, new Status(State.FAILED, null, silence));
        } else {
            retry.tries++;
            retry.next = retry.tries * HEARTBEAT_SECONDS < 60 ? 0 : System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        }
    }

    /**
     * @return null when the server answered, "refused: why" when it refused the question (a login refused),
     *         "answered 503: why" for a failure of its own, else why there was no answer within a beat
     */
    private String ask(Ask question) {
        Future<?> answer = asks.submit(() -> {
            question.run();
            return null;
        });
        try {
            answer.get(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "no answer within " + HEARTBEAT_SECONDS + " s";
        } catch (ExecutionException e) {
            Throwable why = e.getCause();
            if (why instanceof ManagementException m && m.status() > 0) {
                return (m.status() >= 500 ? "answered " + m.status() + ": " : "refused: ") + ErrorDialogs.reason(m);
            }
            return ErrorDialogs.reason(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stopped";
        }
    }

    private String password(ServerConnection c) {
        try {
            return registry.password(c).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private boolean hasPassword(ServerConnection c) {
        try {
            return registry.password(c).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
