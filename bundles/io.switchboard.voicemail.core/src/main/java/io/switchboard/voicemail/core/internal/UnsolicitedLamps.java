package io.switchboard.voicemail.core.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The users whose phones are told of their messages without subscribing, answered from memory (the
 * switch asks at every REGISTER): read again from the database when older than half a minute, since
 * another server may have changed a mailbox, and changed at once by a save on this one.
 */
final class UnsolicitedLamps {

    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Supplier<Set<String>> read;
    private volatile Set<String> users;
    private volatile long readAt;

    UnsolicitedLamps(Supplier<Set<String>> read) {
        this.read = read;
        this.users = Set.copyOf(read.get());
        this.readAt = System.nanoTime();
    }

    boolean wants(String user) {
        if (System.nanoTime() - readAt > FRESH_NANOS) {
            synchronized (this) {
                if (System.nanoTime() - readAt > FRESH_NANOS) {
                    users = Set.copyOf(read.get());
                    readAt = System.nanoTime();
                }
            }
        }
        return users.contains(user);
    }

    synchronized void saved(String user, boolean wants) {
        Set<String> next = new HashSet<>(users);
        if (wants) {
            next.add(user);
        } else {
            next.remove(user);
        }
        users = Set.copyOf(next);
    }
}
