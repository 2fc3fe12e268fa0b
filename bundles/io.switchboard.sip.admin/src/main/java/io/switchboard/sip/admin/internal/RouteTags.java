package io.switchboard.sip.admin.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.sip.api.provisioning.Route;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A route's ETag: a digest of what it holds. Routes have no version number of their own (the route
 * table is versioned as a whole, and another route's change must not refuse this one's), so the tag
 * changes exactly when the route does.
 */
final class RouteTags {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteTags() {
    }

    static String tag(Route route) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(route)
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot tag route " + route.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the check a PUT asks for: If-Match, or the tag the body carries back ({@code etag}, as the list
     *         gives it); If-None-Match: *, or {@code createOnly} in the body
     */
    static Predicate<Optional<Route>> check(HttpServletRequest req, JsonNode body) {
        return check(ifMatch(req, body), createOnly(req, body) ? "*" : null);
    }

    /** @return whether the request makes its write depend on what is stored */
    static boolean conditional(HttpServletRequest req, JsonNode body) {
        return ifMatch(req, body) != null || createOnly(req, body);
    }

    static boolean createOnly(HttpServletRequest req, JsonNode body) {
        String ifNoneMatch = req.getHeader("If-None-Match");
        return ifNoneMatch != null ? "*".equals(ifNoneMatch.trim()) : body.path("createOnly").asBoolean(false);
    }

    private static String ifMatch(HttpServletRequest req, JsonNode body) {
        String header = req.getHeader("If-Match");
        return header != null ? header : body.hasNonNull("etag") ? body.path("etag").asText() : null;
    }

    /** @return the route as JSON with its tag, as the list and a save answer it */
    static ObjectNode withTag(ObjectMapper json, Route route) {
        return ((ObjectNode) json.valueToTree(route)).put("etag", tag(route));
    }

    /**
     * @param ifMatch the request's If-Match (tags, comma-separated, or *), or null
     * @param ifNoneMatch the request's If-None-Match: * creates only
     * @return what the stored route must be for the write to go ahead
     */
    static Predicate<Optional<Route>> check(String ifMatch, String ifNoneMatch) {
        return stored -> {
            if ("*".equals(trim(ifNoneMatch)) && stored.isPresent()) {
                return false;
            }
            if (ifMatch == null || ifMatch.isBlank()) {
                return true;
            }
            if (stored.isEmpty()) {
                return false;
            }
            String tag = tag(stored.get());
            for (String given : ifMatch.split(",")) {
                String t = given.trim();
                if (t.equals("*") || t.equals(tag)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
