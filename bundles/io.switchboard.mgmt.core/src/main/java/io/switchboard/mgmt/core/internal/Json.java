package io.switchboard.mgmt.core.internal;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.mgmt.api.JsonAnswers;
import jakarta.servlet.http.HttpServletResponse;

/** The one JSON mapper of the management API: ISO-8601 times with their offset, no nulls hidden. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        JsonAnswers.write(response, MAPPER, status, body);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        JsonAnswers.error(response, MAPPER, status, message);
    }
}
