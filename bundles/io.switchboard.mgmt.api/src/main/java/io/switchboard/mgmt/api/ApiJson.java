package io.switchboard.mgmt.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the management API, for every bundle that serves a resource:
 * times as ISO-8601 text ({@code 2026-11-26T09:00:00Z}), and a request body with a field the
 * resource does not know refused (a typo is an error, not a setting silently ignored). A bundle
 * whose records need more (enums by their text) copies it: {@code ApiJson.MAPPER.copy()}.
 *
 * @since 1.7
 */
public final class ApiJson {

    /** Thread-safe once configured, as Jackson's mappers are: share it, never configure it further. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ApiJson() {
    }
}
