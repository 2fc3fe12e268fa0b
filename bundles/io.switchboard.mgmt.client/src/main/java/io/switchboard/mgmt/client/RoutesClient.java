package io.switchboard.mgmt.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.sip.api.provisioning.Route;

/**
 * The outbound routes as an editor needs them ({@code /sip/routes}): each with its tag, and saved against
 * the tag it was read with, so that a change made from a stale form is refused (412), never written over
 * another admin's. Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.23
 */
public final class RoutesClient {

    /** A route and its tag, the ETag a save is made against. */
    public record RouteView(Route route, String etag) {
    }

    private final ManagementClient api;

    public RoutesClient(ManagementClient api) {
        this.api = api;
    }

    /**
     * @return the routes in the order they are tried, each with its tag (a digest of what it holds), read in
     *         one answer so that a tag always goes with the route it was made of
     */
    public List<RouteView> routes() throws ManagementException {
        List<RouteView> out = new ArrayList<>();
        for (JsonNode r : api.get("sip/routes")) {
            out.add(view(r));
        }
        return out;
    }

    /**
     * Saves a route against the tag it was read with: refused (a {@link ManagementException} of status 412) when
     * it changed meanwhile; with {@code createOnly}, refused when a route of that name is stored.
     *
     * @param etag the route's tag as {@link #routes()} gave it, or null to replace whatever is stored
     * @return the route as stored, with its new tag
     */
    public RouteView save(Route route, String etag, boolean createOnly) throws ManagementException {
        ObjectNode body = ApiCalls.JSON.valueToTree(route);
        body.remove("name");
        if (etag != null) {
            body.put("etag", etag);
        }
        if (createOnly) {
            body.put("createOnly", true);
        }
        return view(ApiCalls.put(api, "sip/routes/" + ApiCalls.path(route.name()), body));
    }

    private static RouteView view(JsonNode r) throws ManagementException {
        return new RouteView(ApiCalls.read(r, Route.class), r.path("etag").asText(null));
    }
}
