package io.switchboard.numbering.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;

/**
 * Plugin services in the order the platform asks them: highest {@code service.ranking} first,
 * then the oldest registration (lowest {@code service.id}). Bound and unbound from DS reference
 * methods on any thread; readers get an immutable snapshot, so a call in flight never sees a
 * half-updated list.
 */
final class RankedServices<T> {

    record Entry<T>(T service, String name, int ranking, long serviceId) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::serviceId);

    private final String nameProperty;
    private volatile List<Entry<T>> snapshot = List.of();

    RankedServices(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    synchronized void add(T service, Map<String, ?> properties) {
        List<Entry<T>> next = new ArrayList<>(snapshot);
        next.add(new Entry<>(service, String.valueOf(properties.get(nameProperty)), ranking(properties),
                ((Number) properties.get(Constants.SERVICE_ID)).longValue()));
        next.sort(ORDER);
        snapshot = List.copyOf(next);
    }

    synchronized void remove(T service) {
        List<Entry<T>> next = new ArrayList<>(snapshot);
        next.removeIf(e -> e.service() == service);
        snapshot = List.copyOf(next);
    }

    List<Entry<T>> ordered() {
        return snapshot;
    }

    private static int ranking(Map<String, ?> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }
}
