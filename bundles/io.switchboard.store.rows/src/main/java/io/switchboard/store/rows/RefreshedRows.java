package io.switchboard.store.rows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Named rows answered from memory: read again after each change made here ({@link #reload}) and every few seconds
 * for the changes another server made, so that every server behind the edge answers with the same. A read that
 * fails keeps the last one. Listeners hear of each change, on the thread that read it.
 *
 * @param <V> a row
 */
public final class RefreshedRows<V> implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RefreshedRows.class.getName());

    private final String what;
    private final Supplier<Map<String, V>> read;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;
    private volatile Map<String, V> rows = Map.of();

    /**
     * @param what what the rows are, for the log and the timer's thread ("menus")
     * @param read reads every row, by name, in the order to list them
     * @param seconds how soon a change another server made is followed here
     */
    public RefreshedRows(String what, Supplier<Map<String, V>> read, int seconds) {
        this.what = what;
        this.read = read;
        reload();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-" + what.replace(' ', '-') + "-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::reload, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Synchronized: a timer's read begun before a change must not land after the change's reload. */
    public synchronized void reload() {
        try {
            Map<String, V> fresh = read.get();
            boolean changed = !fresh.equals(rows);
            rows = fresh;
            if (changed) {
                listeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the " + what + "; the last read stays: " + e.getMessage());
        }
    }

    /** @return every row, by name, as last read */
    public Map<String, V> all() {
        return rows;
    }

    public void listen(Runnable listener) {
        listeners.add(listener);
    }

    public void unlisten(Runnable listener) {
        listeners.remove(listener);
    }

    /** Stops the timer; a read running ends first: an interrupt would close H2's file under its read. */
    @Override
    public void close() {
        refresher.close();
    }
}
