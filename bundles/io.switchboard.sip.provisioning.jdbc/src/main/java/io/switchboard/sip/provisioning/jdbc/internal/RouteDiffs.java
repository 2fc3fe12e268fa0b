package io.switchboard.sip.provisioning.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteDiff.Change;
import io.switchboard.sip.api.provisioning.RouteDiff.Kind;

/** What changed between two route tables, route by route and field by field. */
final class RouteDiffs {

    private RouteDiffs() {
    }

    static RouteDiff diff(int from, int to, List<Route> before, List<Route> after) {
        Map<String, Route> old = byName(before);
        Map<String, Route> now = byName(after);
        List<Change> changes = new ArrayList<>();
        for (String name : new TreeSet<>(union(old, now))) {
            Route a = old.get(name);
            Route b = now.get(name);
            if (a == null) {
                changes.add(new Change(name, Kind.ADDED, null, b, List.of()));
            } else if (b == null) {
                changes.add(new Change(name, Kind.REMOVED, a, null, List.of()));
            } else {
                List<String> fields = fields(a, b);
                if (!fields.isEmpty()) {
                    changes.add(new Change(name, Kind.CHANGED, a, b, fields));
                }
            }
        }
        return new RouteDiff(from, to, changes);
    }

    /** @return the names of the record components in which the two routes differ, in declaration order */
    static List<String> fields(Route a, Route b) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : Route.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    out.add(c.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + c.getName() + " of a route", e);
            }
        }
        return out;
    }

    private static Map<String, Route> byName(List<Route> routes) {
        Map<String, Route> out = new LinkedHashMap<>();
        routes.forEach(r -> out.put(r.name(), r));
        return out;
    }

    private static List<String> union(Map<String, Route> a, Map<String, Route> b) {
        List<String> out = new ArrayList<>(a.keySet());
        out.addAll(b.keySet());
        return out;
    }
}
