package io.switchboard.kpi.api;

import java.time.Instant;
import java.util.List;

/**
 * A dashboard, kept on the server for its owner (an account of the management API), and shown to
 * every account when shared.
 *
 * @param name unique per owner
 * @param owner the account; {@value #BUILT_IN} for the server's own
 * @param shared whether other accounts see it
 * @param range how far back it looks: 6h, 24h, 7d, 30d
 * @param zone the zone of its buckets; null for the server's
 * @param refreshSeconds how often the console redraws it; 0 for never
 * @param widgets in reading order
 * @param saved when it was saved, null for the built-in one
 */
public record Dashboard(String name, String owner, boolean shared, String range, String zone, int refreshSeconds,
        List<Widget> widgets, Instant saved) {

    /** Owner of the dashboards every server has. */
    public static final String BUILT_IN = "switchboard";

    public Dashboard {
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
        range = range == null || range.isBlank() ? "24h" : range;
    }
}
