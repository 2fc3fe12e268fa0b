package io.switchboard.mgmt.core.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.JsonAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The one JSON mapper of the management API: ISO-8601 times with their offset, no nulls hidden. */
final class Json {

    static final ObjectMapper MAPPER = ApiJson.MAPPER;

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        JsonAnswers.write(response, MAPPER, status, body);
    }

    /**
     * @param usage what the body must be, for the 400 that answers anything else
     * @return the request's body as a JSON object, or null when it is none and the 400 is written
     */
    static JsonNode object(HttpServletRequest request,
            HttpServletResponse response, String usage) throws IOException {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.getInputStream());
        } catch (JacksonException e) {
            error(response, 400, "Body is not JSON: " + e.getOriginalMessage());
            return null;
        }
        if (body == null || !body.isObject()) {
            error(response, 400, "Body must be " + usage);
            return null;
        }
        return body;
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        JsonAnswers.error(response, MAPPER, status, message);
    }
}
