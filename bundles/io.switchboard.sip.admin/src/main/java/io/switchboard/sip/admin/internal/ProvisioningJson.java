package io.switchboard.sip.admin.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.routing.RoutingEngine;

/**
 * Trunks, numbers and routes from their JSON form, for the API's PUT bodies and the shell's
 * {@code key=value} settings alike (the shell merges its settings into the stored record's JSON
 * first), so that both make them the same way.
 */
public final class ProvisioningJson {

    static final Set<String> TRUNK_KEYS = Set.of("host", "port", "transport", "authUser", "password", "register",
            "registerExpires", "addresses", "callerId", "pai", "codecs", "maxChannels", "probe", "enabled", "tlsPin",
            "mediaEncryption");
    static final Set<String> NUMBER_KEYS = Set.of("destination", "description", "emergencyAddress", "tags",
            "schedule", "closedDestination", "state", "carrier", "monthlyCost", "portDate", "releaseDate");
    static final Set<String> ROUTE_KEYS = Set.of("priority", "pattern", "strip", "prepend", "schedule", "trunks",
            "enabled", "rawDialClass");
    /** A new trunk's channel limit when none is given: a toll fraudster's calls meet it (0 lifts it). */
    static final int DEFAULT_MAX_CHANNELS = 30;
    private static final Set<String> NUMBERS = Set.of("port", "registerExpires", "maxChannels", "priority", "strip");
    private static final Set<String> FLAGS = Set.of("register", "pai", "probe", "enabled");

    private ProvisioningJson() {
    }

    static Trunk trunk(String name, JsonNode b) {
        return new Trunk(name, text(b, "host"), b.path("port").asInt(5060),
                b.path("transport").asText("udp").toLowerCase(Locale.ROOT), text(b, "authUser"), false,
                b.path("register").asBoolean(false), b.path("registerExpires").asInt(600), strings(b, "addresses"),
                text(b, "callerId"), b.path("pai").asBoolean(false), strings(b, "codecs"),
                b.has("maxChannels") ? b.path("maxChannels").asInt(0) : DEFAULT_MAX_CHANNELS,
                b.path("probe").asBoolean(true), b.path("enabled").asBoolean(true), text(b, "tlsPin"),
                encryption(text(b, "mediaEncryption"), MediaEncryption.OPTIONAL, ""));
    }

    /** @return the policy named, {@code blank} for a missing or empty name */
    static MediaEncryption encryption(String text, MediaEncryption blank, String orDefault) {
        if (text == null || text.isBlank()) {
            return blank;
        }
        try {
            return MediaEncryption.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid mediaEncryption '" + text + "': required, optional or off"
                    + orDefault);
        }
    }

    /** @param stored the number's lifecycle as stored, or null for a new number: fields left out keep it */
    static PhoneNumber number(String e164, JsonNode b, NumberLifecycle stored) {
        return new PhoneNumber(e164, text(b, "destination"), text(b, "description"), text(b, "emergencyAddress"),
                strings(b, "tags"), text(b, "schedule"), text(b, "closedDestination"), NumberFields.lifecycle(
                        f -> b.hasNonNull(f) ? b.get(f).asText() : null, f -> b.has(f) && b.get(f).isNull(), stored));
    }

    /**
     * Whether calls can follow a number: its destinations reachable, its schedule known.
     *
     * @throws IllegalArgumentException naming the first field that cannot be
     */
    static void check(PhoneNumber n, RoutingEngine routing) {
        for (String[] f : new String[][] { { "destination", n.destination() },
                { "closedDestination", n.closedDestination() } }) {
            String problem = f[1] == null || f[1].isBlank() ? null : routing.destinationProblem(f[1].trim());
            if (problem != null) {
                throw new IllegalArgumentException("Invalid " + f[0] + " '" + f[1] + "': " + problem);
            }
        }
        if (n.schedule() == null || n.schedule().isBlank()) {
            if (n.closedDestination() != null && !n.closedDestination().isBlank()) {
                throw new IllegalArgumentException("Invalid closedDestination: it takes calls while the number's "
                        + "schedule is closed, and the number has no schedule");
            }
            return;
        }
        var schedules = routing.schedules();
        if (schedules == null || schedules.schedule(n.schedule()).isEmpty()) {
            throw new IllegalArgumentException("Invalid schedule '" + n.schedule() + "': no such schedule");
        }
    }

    static Route route(String name, JsonNode b) {
        return new Route(name, b.path("priority").asInt(100), text(b, "pattern"), b.path("strip").asInt(0),
                text(b, "prepend"), text(b, "days"), text(b, "timeFrom"), text(b, "timeTo"), text(b, "timeZone"),
                strings(b, "trunks"), b.path("enabled").asBoolean(true), rawDialClass(text(b, "rawDialClass")),
                text(b, "schedule"));
    }

    private static CallClass rawDialClass(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return CallClass.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid rawDialClass '" + text + "': internal, national, international "
                    + "or premium (the least class that may send numbers with no E.164 form), or empty for none");
        }
    }

    /**
     * @param current the stored record as JSON (an empty object for a new one)
     * @param settings {@code key=value}; an empty value clears the key, lists are comma-separated
     * @return the record's JSON with the settings applied
     * @throws IllegalArgumentException naming a key that is not one of {@code keys} or a value of the wrong kind
     */
    static ObjectNode merge(ObjectNode current, String[] settings, Set<String> keys) {
        ObjectNode out = current.deepCopy();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            String key = eq < 0 ? setting : setting.substring(0, eq);
            if (eq < 0 || !keys.contains(key)) {
                throw new IllegalArgumentException("Invalid setting '" + setting + "': key=value with a key of "
                        + new TreeSet<>(keys));
            }
            String value = setting.substring(eq + 1).trim();
            if (value.isEmpty()) {
                out.remove(key);
            } else if (NUMBERS.contains(key)) {
                try {
                    out.put(key, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid setting " + key + "=" + value + ": a whole number");
                }
            } else if (FLAGS.contains(key)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("Invalid setting " + key + "=" + value + ": true or false");
                }
                out.put(key, Boolean.parseBoolean(value));
            } else {
                out.put(key, value);
            }
        }
        return out;
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return Arrays.stream(n.asText().split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText().trim()));
        return out;
    }

    /** @return whether the body changes a user's calling policy */
    static boolean hasPolicy(JsonNode body) {
        return body.has("callClass") || body.has("maxCalls") || body.has("callsPerMinute")
                || body.has("mediaEncryption") || body.has("callerIdNumber") || body.has("callerIdName")
                || body.has("withholdCallerId");
    }

    /**
     * @param old the user's policy before: a field the body leaves out keeps its value; one set to
     *            null takes the server's default
     */
    static CallingPolicy policy(JsonNode body, CallingPolicy old) {
        CallClass callClass = old.callClass();
        if (body.has("callClass")) {
            String text = text(body, "callClass");
            try {
                callClass = text == null || text.isBlank() ? null : CallClass.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid callClass '" + text + "': internal, national, international "
                        + "or premium (or null for the server's default)");
            }
        }
        MediaEncryption encryption = body.has("mediaEncryption")
                ? encryption(text(body, "mediaEncryption"), null, " (or null for the server's default)")
                : old.mediaEncryption();
        JsonNode withhold = body.get("withholdCallerId");
        if (withhold != null && !withhold.isNull() && !withhold.isBoolean()) {
            throw new IllegalArgumentException("Invalid withholdCallerId '" + withhold.asText() + "': true or false");
        }
        return new CallingPolicy(callClass, count(body, "maxCalls", old.maxCalls()),
                count(body, "callsPerMinute", old.callsPerMinute()), encryption,
                body.has("callerIdNumber") ? text(body, "callerIdNumber") : old.callerIdNumber(),
                body.has("callerIdName") ? text(body, "callerIdName") : old.callerIdName(),
                withhold == null ? old.withholdCallerId() : withhold.isNull() ? null : withhold.asBoolean());
    }

    private static Integer count(JsonNode body, String field, Integer old) {
        if (!body.has(field)) {
            return old;
        }
        JsonNode n = body.get(field);
        if (n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw new IllegalArgumentException("Invalid " + field + " '" + n.asText() + "': a whole number, 0 for no limit");
        }
        return n.asInt();
    }

    /** @return a user as the API shows it: its record, its own calling policy and the one that applies */
    static Map<String, Object> user(SipUser user, CallingPolicy own, CallingPolicy effective) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", user.username());
        m.put("displayName", user.displayName());
        m.put("enabled", user.enabled());
        m.put("created", user.created());
        m.put("algorithms", user.algorithms());
        m.put("callClass", own.callClass());
        m.put("maxCalls", own.maxCalls());
        m.put("callsPerMinute", own.callsPerMinute());
        m.put("mediaEncryption", own.mediaEncryption());
        m.put("callerIdNumber", own.callerIdNumber());
        m.put("callerIdName", own.callerIdName());
        m.put("withholdCallerId", own.withholdCallerId());
        m.put("effective", effective);
        m.put("version", user.version());
        return m;
    }
}
