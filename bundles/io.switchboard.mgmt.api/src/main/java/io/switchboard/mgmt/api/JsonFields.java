package io.switchboard.mgmt.api;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How every resource reads a JSON body's fields and the version a change was made against, so that a bad field
 * is refused alike everywhere, naming it ({@link IllegalArgumentException}, answered 400).
 *
 * @since 1.8
 */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * @param example a body that would do, shown when this one is no object
     * @throws IllegalArgumentException when the body is no object or has a field not among {@code fields}
     */
    public static void known(JsonNode body, Set<String> fields, String example) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A JSON object: " + example);
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                throw new IllegalArgumentException("Unknown field " + f + ": one of " + new TreeSet<>(fields));
            }
        });
    }

    /** @return the field's text, trimmed, or {@code otherwise} when it is absent, null or blank */
    public static String text(JsonNode body, String field, String otherwise) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? otherwise : v.asText().trim();
    }

    /** @return the field's truth, false when absent */
    public static boolean flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isBoolean()) {
            throw new IllegalArgumentException(field + ": true or false");
        }
        return v != null && v.asBoolean();
    }

    /** @return the field's whole number, or {@code otherwise} when it is absent */
    public static int number(JsonNode body, String field, int otherwise) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isInt()) {
            throw new IllegalArgumentException(field + ": a whole number");
        }
        return v.asInt();
    }

    /**
     * @return the version a change was made against: If-Match's, 0 for {@code If-None-Match: *} (create only), else
     *         the body's {@code version} (what a client read and sends back, 0 for a new one), else -1 (any)
     */
    public static long expectedVersion(HttpServletRequest req, JsonNode body) {
        String match = req.getHeader("If-Match");
        if (match != null && !match.isBlank() && !match.trim().equals("*")) {
            String v = match.trim().replace("W/", "").replace("\"", "");
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("If-Match: '" + match + "' is no version this API gave (\"3\")");
            }
        }
        if ("*".equals(req.getHeader("If-None-Match"))) {
            return 0;
        }
        JsonNode v = body == null ? null : body.get("version");
        if (v != null && !v.isNull() && (!v.canConvertToLong() || v.asLong() < 0)) {
            throw new IllegalArgumentException("version: " + v + " is no version this API gave");
        }
        return v == null || v.isNull() ? -1 : v.asLong();
    }
}
