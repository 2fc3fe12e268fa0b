package io.switchboard.sip.api.provisioning;

import java.util.List;

/**
 * What changed in the route table from one version to another.
 *
 * @param from the older version compared
 * @param to the newer version compared
 * @param changes the routes that were added, removed or changed, by name
 */
public record RouteDiff(int from, int to, List<Change> changes) {

    public RouteDiff {
        changes = List.copyOf(changes);
    }

    /** How a route changed. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One route's change.
     *
     * @param name the route's name
     * @param kind added, removed or changed
     * @param before the route in the older version, null when added
     * @param after the route in the newer version, null when removed
     * @param fields the fields that differ (pattern, trunks, ...), empty unless changed
     */
    public record Change(String name, Kind kind, Route before, Route after, List<String> fields) {

        public Change {
            fields = List.copyOf(fields);
        }
    }
}
