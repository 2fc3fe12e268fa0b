package io.switchboard.queue.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.media.audio.Clip;

/**
 * What queues play: the prompts the bundle ships (English, spoken by CMU Flite's voice slt, under {@code
 * prompts/en/queue-NAME.wav}) and numbers read out from their words.
 */
final class QueuePrompts {

    static final String WELCOME = "welcome";
    static final String POSITION = "position";
    static final String WAIT = "wait";
    static final String MINUTE = "minute";
    static final String MINUTES = "minutes";
    static final String CALLBACK = "callback";
    static final String CALLBACK_TAKEN = "callback-taken";
    static final String CLOSED = "closed";
    static final String LOGGED_IN = "logged-in";
    static final String LOGGED_OUT = "logged-out";
    static final String PAUSED = "paused";
    static final String RESUMED = "resumed";
    static final String REFUSED = "refused";
    /** The most a number is read out as; a longer line is read as this. */
    static final int MAX_NUMBER = 99;

    private final Map<String, Clip> shipped = new ConcurrentHashMap<>();

    Clip get(String name) {
        return shipped.computeIfAbsent(name, n -> {
            try (InputStream in = QueuePrompts.class.getResourceAsStream("/prompts/en/queue-" + n + ".wav")) {
                if (in == null) {
                    throw new IOException("not in the bundle");
                }
                return Clip.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Shipped prompt " + n + ": " + e.getMessage(), e);
            }
        });
    }

    /** @return the words of a number from 0 to {@value #MAX_NUMBER} ("forty", "two") */
    List<Clip> number(int n) {
        int v = Math.max(0, Math.min(MAX_NUMBER, n));
        List<Clip> out = new ArrayList<>();
        if (v <= 20 || v % 10 == 0) {
            out.add(get("n" + v));
        } else {
            out.add(get("n" + v / 10 * 10));
            out.add(get("n" + v % 10));
        }
        return out;
    }
}
