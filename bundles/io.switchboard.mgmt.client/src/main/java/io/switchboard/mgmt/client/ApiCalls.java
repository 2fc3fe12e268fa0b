package io.switchboard.mgmt.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON in and out of the typed clients, and the escaping of path segments and query values. */
final class ApiCalls {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ApiCalls() {
    }

    static JsonNode put(ManagementClient api, String path, Object body) throws ManagementException {
        return send(api, "PUT", path, body);
    }

    static JsonNode send(ManagementClient api, String method, String path, Object body) throws ManagementException {
        try {
            return api.json(method, path, body == null ? null : JSON.writeValueAsBytes(body),
                    body == null ? null : "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + path, e);
        }
    }

    /** @return false when there was nothing to delete (404) */
    static boolean delete(ManagementClient api, String path) throws ManagementException {
        try {
            api.json("DELETE", path, null, null);
            return true;
        } catch (ManagementException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    static <T> T read(JsonNode node, Class<T> type) throws ManagementException {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ManagementException("The server's answer is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), 0, e);
        }
    }

    static <T> T read(byte[] json, Class<T> type) throws ManagementException {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new ManagementException("The server's answer is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), 0, e);
        }
    }

    static <T> List<T> list(JsonNode array, Class<T> type) throws ManagementException {
        List<T> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(read(n, type));
        }
        return out;
    }

    static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : Instant.parse(s);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
