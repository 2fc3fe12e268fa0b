package io.switchboard.alert.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertNotifier;

/** Hands alerts to the notifiers on a thread of its own, one alert after the other, and reports what each said. */
final class Notifications implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Notifications.class.getName());

    private final Map<AlertNotifier, String> notifiers = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-alert-notifications");
        t.setDaemon(true);
        return t;
    });

    void add(AlertNotifier notifier, Map<String, Object> properties) {
        Object name = properties.get(AlertNotifier.NAME);
        notifiers.put(notifier, name == null ? notifier.getClass().getSimpleName() : name.toString());
    }

    void remove(AlertNotifier notifier) {
        notifiers.remove(notifier);
    }

    List<String> names() {
        return notifiers.values().stream().sorted().toList();
    }

    /** @param names the rule's notifiers; empty for every one */
    void send(Alert alert, List<String> names, Consumer<List<String>> results) {
        sender.execute(() -> {
            List<String> said = new ArrayList<>();
            notifiers.forEach((notifier, name) -> {
                if (!names.isEmpty() && !names.contains(name)) {
                    return;
                }
                try {
                    notifier.notify(alert);
                    said.add(name + ": sent");
                } catch (Exception e) {
                    said.add(name + ": failed: " + e.getMessage());
                    LOG.log(Level.WARNING, "Notifier " + name + " could not deliver alert " + alert.id() + " ("
                            + alert.rule() + "): " + e.getMessage());
                }
            });
            for (String n : names) {
                if (!notifiers.containsValue(n)) {
                    said.add(n + ": no such notifier is configured");
                }
            }
            try {
                results.accept(said);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Cannot record what the notifiers said of alert " + alert.id() + ": "
                        + e.getMessage());
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(30, TimeUnit.SECONDS);
    }
}
