package io.switchboard.directory.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.switchboard.directory.api.Contact;

/**
 * The directories' answers, each until its time is up, the least recently asked dropped first
 * past the size: a derived copy that a restart may lose, never the truth.
 */
final class AnswerCache {

    private record Held(Optional<Contact> contact, long untilNanos) {
    }

    private final Map<String, Held> entries;

    AnswerCache(int size) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > Math.max(1, size);
            }
        };
    }

    /** @return the answer remembered for the number, or null when there is none (or it is too old) */
    synchronized Optional<Contact> get(String number, long nowNanos) {
        Held e = entries.get(number);
        if (e == null) {
            return null;
        }
        if (nowNanos - e.untilNanos() >= 0) {
            entries.remove(number);
            return null;
        }
        return e.contact();
    }

    synchronized void put(String number, Optional<Contact> contact, long keepNanos, long nowNanos) {
        if (keepNanos > 0) {
            entries.put(number, new Held(contact, nowNanos + keepNanos));
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
