package io.switchboard.cdr.core.internal;

import java.util.regex.Pattern;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Searches that read every term of the index: a term that starts with a wildcard ({@code *1234},
 * {@code callee:?44*}) or a regular expression ({@code /.../}). At ten million records each costs
 * seconds of a core, so a viewer, the role handed out for dashboards and read-only scripts, may not
 * run them; operators and admins may.
 */
final class ScanningQueries {

    /** Refused: the request's role does not cover the query. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A term (after start, space, parenthesis, colon or an operator sign) that starts with * or ?, or a /regex/. */
    private static final Pattern SCANS = Pattern.compile("(^|[\\s(:+\\-!])([*?](?![*:]?\\s*$)[^\\s)\\]}]|/)");

    private ScanningQueries() {
    }

    /** @return whether the query has a term that starts with a wildcard, or a regular expression */
    static boolean scans(String query) {
        String q = query.trim();
        return !q.equals("*") && !q.equals("*:*") && SCANS.matcher(q).find();
    }

    /** @throws Refused when a viewer asks for a search that scans the whole index */
    static void check(HttpServletRequest request, String query) {
        if (query == null || request.getAttribute(ManagementApi.ROLE_ATTRIBUTE) != Role.VIEWER) {
            return;
        }
        if (scans(query)) {
            throw new Refused("Leading-wildcard and regular-expression searches read the whole index: they need an "
                    + "operator. Start the term with its known digits (callee:+4420*) instead");
        }
    }
}
