package io.switchboard.sip.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.routing.RoutingEngine;

/**
 * The route table's history in the API and the shell: the versions, one version's table, the diff
 * of two, a rollback, and a list of sample numbers replayed against two versions side by side.
 */
final class RouteHistory {

    private final RouteService routes;
    private final RoutingEngine routing;

    RouteHistory(RouteService routes, RoutingEngine routing) {
        this.routes = routes;
        this.routing = routing;
    }

    Map<String, Object> version(int version) {
        List<Route> table = table(version);
        Map<String, Object> out = new LinkedHashMap<>();
        routes.versions().stream().filter(v -> v.version() == version).findFirst().ifPresent(v -> {
            out.put("version", v.version());
            out.put("created", v.created());
            out.put("author", v.author());
            out.put("change", v.change());
        });
        out.put("routes", table);
        return out;
    }

    /**
     * Replays numbers against two versions of the table: what each would do, and whether they differ.
     *
     * @param body {@code {from, to, caller?, time?, numbers: [...]}}
     */
    Map<String, Object> compare(JsonNode body) {
        int from = version(body, "from");
        int to = version(body, "to");
        List<Route> a = table(from);
        List<Route> b = table(to);
        String caller = ProvisioningJson.text(body, "caller");
        String time = ProvisioningJson.text(body, "time");
        List<String> numbers = ProvisioningJson.strings(body, "numbers");
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("Invalid numbers '[]': at least one number to replay");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int differ = 0;
        for (String number : numbers) {
            Map<String, Object> before = RouteSimulator.simulate(r -> routing.route(r, a), caller, number, time);
            Map<String, Object> after = RouteSimulator.simulate(r -> routing.route(r, b), caller, number, time);
            boolean same = sameCall(before, after);
            differ += same ? 0 : 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", number);
            row.put("same", same);
            row.put("from", before);
            row.put("to", after);
            results.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        out.put("differ", differ);
        out.put("results", results);
        return out;
    }

    /** Two decisions are the same call when they end in the same place the same way. */
    private static boolean sameCall(Map<String, Object> a, Map<String, Object> b) {
        for (String key : List.of("result", "route", "destination", "dialled", "trunks")) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    private List<Route> table(int version) {
        return routes.routesAt(version).orElseThrow(() -> new IllegalArgumentException(
                "Invalid version '" + version + "': no such version of the route table"));
    }

    static int version(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("Invalid " + field + " '" + (v == null ? "" : v.asText())
                    + "': a version number");
        }
        return v.asInt();
    }

    static int version(String text, String field) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + field + " '" + text + "': a version number");
        }
    }
}
