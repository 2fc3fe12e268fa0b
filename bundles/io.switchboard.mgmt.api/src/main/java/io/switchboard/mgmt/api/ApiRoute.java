package io.switchboard.mgmt.api;

import java.util.List;
import java.util.TreeSet;

/**
 * One method and path template a resource answers, such as {@code PUT /sip/trunks/{name}} (the
 * path relative to {@link ManagementApi#CONTEXT_PATH}, as {@code docs/openapi.yaml} writes it). A
 * resource servlet declares its routes as a list of these and answers a request that matches none
 * with 404 when no route has its path and with a JSON 405 (and {@code Allow}) when only the method
 * is wrong. Immutable; safe from any thread.
 *
 * @param method the HTTP method, upper case
 * @param template the path; a segment in braces matches any one non-empty segment
 */
public record ApiRoute(String method, String template) {

    /** @return the route of "METHOD /path/{param}" */
    public static ApiRoute of(String route) {
        int space = route.indexOf(' ');
        return new ApiRoute(route.substring(0, space), route.substring(space + 1));
    }

    /** @return true when the path (relative to the API's context) fits the template */
    public boolean matchesPath(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean parameter = want[i].startsWith("{") && want[i].endsWith("}");
            if (parameter ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the methods the routes answer on the path, sorted; empty when no route has the path.
     *         Where templates compete, the one with the most literal segments has the path
     *         ({@code /sip/numbers/import} is not a {@code /sip/numbers/{number}}).
     */
    public static List<String> allowed(List<ApiRoute> routes, String path) {
        TreeSet<String> methods = new TreeSet<>();
        int best = -1;
        for (ApiRoute r : routes) {
            if (!r.matchesPath(path)) {
                continue;
            }
            int literal = r.literalSegments();
            if (literal > best) {
                methods.clear();
                best = literal;
            }
            if (literal == best) {
                methods.add(r.method());
            }
        }
        return List.copyOf(methods);
    }

    private int literalSegments() {
        int n = 0;
        for (String segment : template.split("/")) {
            n += segment.startsWith("{") ? 0 : 1;
        }
        return n;
    }

    /**
     * How a request no route takes is answered.
     *
     * @param status 404 (no route has the path) or 405 (only the method is wrong)
     * @param allow the value of the {@code Allow} header of a 405, else null
     * @param message the error's text
     */
    public record Refusal(int status, String allow, String message) {
    }

    /** @return the refusal of a request that no route takes, or null when one takes it */
    public static Refusal check(List<ApiRoute> routes, String path, String method) {
        List<String> allowed = allowed(routes, path);
        if (allowed.contains(method)) {
            return null;
        }
        String where = ManagementApi.CONTEXT_PATH + path;
        if (allowed.isEmpty()) {
            return new Refusal(404, null, "No resource " + method + " " + where);
        }
        String allow = String.join(", ", allowed);
        return new Refusal(405, allow, method + " not allowed on " + where + " (allowed: " + allow + ")");
    }
}
