package io.switchboard.sip.admin.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;

/** The route simulator of the API and the shell: the routing service's decision, as admins read it. */
final class RouteSimulator {

    private RouteSimulator() {
    }

    /**
     * The route simulator: what an outbound call from {@code caller} to {@code number} at
     * {@code time} (ISO instant or local date-time in UTC, default now) would do, and why.
     */
    static Map<String, Object> simulate(RoutingService routing, String caller, String number, String time) {
        return simulate(routing, caller, number, time, null);
    }

    /**
     * @param path the call's whole path from the decision on (phones, forwards, groups, voicemail), or
     *            null to leave it out (comparing route table versions)
     */
    static Map<String, Object> simulate(RoutingService routing, String caller, String number, String time,
            BiFunction<RouteDecision, Instant, Map<String, Object>> path) {
        return simulate(routing, caller, null, number, time, path);
    }

    /**
     * @param trunk the trunk a carrier's call comes in on (then {@code caller} is the carrier's caller
     *            number and {@code number} one of ours), or null for a call from a user
     */
    static Map<String, Object> simulate(RoutingService routing, String caller, String trunk, String number,
            String time, BiFunction<RouteDecision, Instant, Map<String, Object>> path) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("Parameter 'number' is required");
        }
        Instant when;
        try {
            when = time == null || time.isBlank() ? Instant.now()
                    : time.endsWith("Z") || time.matches(".*[+-][0-9]{2}:[0-9]{2}$")
                            ? OffsetDateTime.parse(time).toInstant()
                            : LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid time '" + time + "': like 2026-11-24T23:30:00Z");
        }
        String dialled = number.trim();
        RouteDecision d = routing.route(new RouteRequest(caller == null || caller.isBlank() ? null : caller.trim(),
                trunk == null || trunk.isBlank() ? null : trunk.trim(), dialled, when));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caller", caller);
        if (trunk != null && !trunk.isBlank()) {
            out.put("trunk", trunk.trim());
        }
        out.put("number", dialled);
        out.put("time", when.toString());
        out.put("result", switch (d.outcome()) {
            case USER -> "internal: " + (d.did() != null ? d.did() + " is our number, to " : "to user ")
                    + d.destination();
            case TARGET -> d.destination().startsWith("voicemail:") ? "internal: to "
                    + d.destination().substring("voicemail:".length()) + "'s voicemail" : "internal: to " + (d.reasons().get(d.reasons().size() - 1).endsWith("is a hunt group")
                    || d.reasons().get(d.reasons().size() - 1).startsWith("to hunt group") ? "ring group "
                            : "call target ") + d.destination();
            case TRUNKS -> d.hasUsableTrunk() ? "routed" : "no trunk available";
            case REJECTED -> d.status() == 404 && d.route() == null && d.did() == null ? "no route"
                    : "refused: " + d.status();
        });
        out.put("outcome", d.outcome());
        out.put("destination", d.destination());
        out.put("route", d.route());
        out.put("e164", d.e164());
        out.put("dialled", d.send());
        out.put("trunks", d.trunks());
        out.put("why", d.reasons());
        if (path != null) {
            out.put("path", path.apply(d, when));
        }
        return out;
    }
}
