package io.switchboard.console.ui.widgets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.switchboard.mgmt.client.ManagementException;

/**
 * The console's error log: every error a dialog showed, and those views report without one (a live
 * view that lost its server), newest first, with the technical detail the dialog keeps behind its
 * Details button. Kept in memory for this run of the console, the last 500.
 *
 * @since 1.5
 */
public final class ErrorLog {

    /** One error: when, what failed, why in a sentence, and the detail (the server's text, the trace). */
    public record Entry(Instant time, String headline, String reason, String detail) {
    }

    private static final int KEPT = 500;
    private static final ArrayDeque<Entry> ENTRIES = new ArrayDeque<>();
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

    private ErrorLog() {
    }

    /** Logs an error; any thread. */
    public static void add(String headline, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String server = error instanceof ManagementException m && m.serverMessage() != null
                ? "The server said: " + m.serverMessage() + System.lineSeparator() + System.lineSeparator() : "";
        synchronized (ENTRIES) {
            ENTRIES.addFirst(new Entry(Instant.now(), headline, ErrorDialogs.reason(error), server + trace));
            while (ENTRIES.size() > KEPT) {
                ENTRIES.removeLast();
            }
        }
        LISTENERS.forEach(Runnable::run);
    }

    /** @return the errors, newest first */
    public static List<Entry> entries() {
        synchronized (ENTRIES) {
            return List.copyOf(ENTRIES);
        }
    }

    /** Forgets every error. */
    public static void clear() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
        }
        LISTENERS.forEach(Runnable::run);
    }

    /** @param changed called (on the thread that logged) when an error is added or the log cleared */
    public static void listen(Runnable changed) {
        LISTENERS.add(changed);
    }

    public static void unlisten(Runnable changed) {
        LISTENERS.remove(changed);
    }
}
