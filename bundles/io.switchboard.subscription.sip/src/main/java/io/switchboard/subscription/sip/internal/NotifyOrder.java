package io.switchboard.subscription.sip.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one resource's NOTIFYs in the order of their versions: the version is taken, the body built
 * from the state of that moment and the request sent under one lock of that resource, so a later
 * version never carries an older state nor leaves before an earlier one (a phone drops a version below
 * the last it saw, RFC 4235 section 4.1.2, and would keep the stale lamp).
 */
final class NotifyOrder {

    /**
     * A lock per event and resource, never shared with another: a NOTIFY that waits on a phone's connection holds
     * back only that resource's. As many as the resources watched (users, lists), so they are kept.
     */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Work done under a resource's lock, which may throw what its caller throws. */
    interface Work<E extends Exception> {
        void run() throws E;
    }

    /** Runs the work alone among the notifications of this event and resource (a user, or a list by its name). */
    <E extends Exception> void of(String event, String resource, Work<E> work) throws E {
        synchronized (locks.computeIfAbsent(event + '\n' + resource, key -> new Object())) {
            work.run();
        }
    }
}
