package io.switchboard.cdr.core.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Plugin services keyed by their format or name property (importers, exporters, attachments), as they come and go. */
final class ByFormat<T> {

    private final String property;
    private final String kind;
    /** How a message names the key: "for format" or "named". */
    private final String keyWords;
    private final Map<String, T> services = new ConcurrentHashMap<>();

    ByFormat(String property, String kind) {
        this(property, kind, "for format");
    }

    ByFormat(String property, String kind, String keyWords) {
        this.property = property;
        this.kind = kind;
        this.keyWords = keyWords;
    }

    void add(T service, Map<String, Object> properties) {
        Object format = properties.get(property);
        if (format != null) {
            services.put(format.toString(), service);
        }
    }

    void remove(T service) {
        services.values().removeIf(s -> s == service);
    }

    /** @throws IllegalArgumentException for an unknown format, naming the installed ones */
    T get(String format) {
        T service = services.get(format);
        if (service == null) {
            throw new IllegalArgumentException("No " + kind + " " + keyWords + " '" + format + "'; installed: "
                    + String.join(", ", formats()));
        }
        return service;
    }

    List<String> formats() {
        return List.copyOf(new TreeSet<>(services.keySet()));
    }
}
