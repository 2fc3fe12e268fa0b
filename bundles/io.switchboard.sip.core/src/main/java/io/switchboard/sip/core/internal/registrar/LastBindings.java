package io.switchboard.sip.core.internal.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.sip.core.internal.registrar.SipStore.Binding;

/**
 * Each user's bindings as last read, for the calls placed while the database does not answer (the
 * degraded mode of docs/sip.md): a binding still serves until it expires, a reading older than
 * {@link #KEPT} serves no more. Bounded: past {@link #CAPACITY} users, the old readings go, and a new
 * user is not kept until there is room.
 */
final class LastBindings {

    static final Duration KEPT = Duration.ofMinutes(10);
    static final int CAPACITY = 100_000;

    private record Reading(List<Binding> bindings, Instant at) {
    }

    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    void read(String user, List<Binding> bindings, Instant now) {
        if (readings.size() >= CAPACITY && !readings.containsKey(user)) {
            Instant old = now.minus(KEPT);
            readings.values().removeIf(r -> r.at().isBefore(old));
            if (readings.size() >= CAPACITY) {
                return;
            }
        }
        readings.put(user, new Reading(bindings, now));
    }

    /** @return the user's bindings still live at {@code now} as last read, unless that reading is too old */
    Optional<List<Binding>> lastKnown(String user, Instant now) {
        Reading r = readings.get(user);
        if (r == null || r.at().isBefore(now.minus(KEPT))) {
            return Optional.empty();
        }
        return Optional.of(r.bindings().stream().filter(b -> b.expiresAt().isAfter(now)).toList());
    }
}
