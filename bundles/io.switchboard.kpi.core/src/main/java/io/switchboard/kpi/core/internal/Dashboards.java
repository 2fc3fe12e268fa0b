package io.switchboard.kpi.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.QueueKpis;
import io.switchboard.kpi.api.Scope;
import io.switchboard.kpi.api.Widget;
import io.switchboard.store.api.StoreException;

/** The console's dashboards in {@code sb_kpi_dashboard}, what makes one sound, and the built-in ones. */
final class Dashboards {

    static final Set<String> KPIS = Stream.concat(Stream.of("attempts", "answered", "asr", "ner", "acd", "pdd",
            "pdd95", "mos", "mos5", "jitter", "loss", "peakConcurrent", "peakCps"), QueueKpis.NAMES.stream())
            .collect(Collectors.toUnmodifiableSet());

    /** What a new server opens on: meaningful with the demo records of the last days. */
    static final Dashboard OVERVIEW = new Dashboard("Overview", Dashboard.BUILT_IN, true, "7d", null, 60, List.of(
            new Widget("timeseries", "Calls per hour", "attempts", Scope.TRUNK, null, Granularity.HOUR, 5, Map.of()),
            new Widget("timeseries", "ASR per trunk (%)", "asr", Scope.TRUNK, null, Granularity.HOUR, 5, Map.of()),
            new Widget("gauge", "ASR, all calls (%)", "asr", Scope.ALL, null, Granularity.DAY, 1,
                    Map.of("min", "0", "max", "100", "warn", "50")),
            new Widget("bars", "MOS per trunk", "mos", Scope.TRUNK, null, Granularity.DAY, 10, Map.of()),
            new Widget("top", "Busiest destinations", "attempts", Scope.DESTINATION, null, Granularity.DAY, 10,
                    Map.of()),
            new Widget("trunk-matrix", "Trunk health", "asr", Scope.TRUNK, null, Granularity.DAY, 20, Map.of())),
            null);

    /** The queues' figures, for the supervisor: the day's service level, callers, abandons and waits per queue. */
    static final Dashboard QUEUES = new Dashboard("Queues", Dashboard.BUILT_IN, true, "24h", null, 60, List.of(
            new Widget("timeseries", "Service level per queue (%)", "serviceLevel", Scope.QUEUE, null,
                    Granularity.HOUR, 5, Map.of()),
            new Widget("timeseries", "Callers per hour", "attempts", Scope.QUEUE, null, Granularity.HOUR, 5, Map.of()),
            new Widget("bars", "Abandoned per queue", "abandoned", Scope.QUEUE, null, Granularity.DAY, 10, Map.of()),
            new Widget("bars", "Average wait per queue (s)", "averageWait", Scope.QUEUE, null, Granularity.DAY, 10,
                    Map.of()),
            new Widget("bars", "Average handle time per queue (s)", "averageHandle", Scope.QUEUE, null,
                    Granularity.DAY, 10, Map.of())),
            null);

    private final DataSource dataSource;
    private final ObjectMapper json;

    Dashboards(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    List<Dashboard> visibleTo(String account) {
        List<Dashboard> out = new ArrayList<>(List.of(OVERVIEW, QUEUES));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT dashboard_json FROM sb_kpi_dashboard WHERE owner = ? OR shared = TRUE ORDER BY owner, name")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(json.readValue(rs.getString(1), Dashboard.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot read dashboards: " + e.getMessage(), e);
        }
        return out;
    }

    Dashboard save(Dashboard d) {
        Dashboard checked = check(new Dashboard(d.name(), d.owner(), d.shared(), d.range(), d.zone(), d.refreshSeconds(),
                d.widgets(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_kpi_dashboard WHERE owner = ? AND name = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_kpi_dashboard (owner, name, shared, "
                            + "dashboard_json, saved) VALUES (?, ?, ?, ?, ?)")) {
                del.setString(1, checked.owner());
                del.setString(2, checked.name());
                del.executeUpdate();
                ins.setString(1, checked.owner());
                ins.setString(2, checked.name());
                ins.setBoolean(3, checked.shared());
                ins.setString(4, json.writeValueAsString(checked));
                ins.setTimestamp(5, Timestamp.from(checked.saved()));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw new StoreException("Cannot save dashboard " + checked.name() + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save dashboard " + checked.name() + ": " + e.getMessage(), e);
        }
        return checked;
    }

    boolean delete(String owner, String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_kpi_dashboard WHERE owner = ? AND name = ?")) {
            ps.setString(1, owner);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete dashboard " + name + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the first thing wrong */
    static Dashboard check(Dashboard d) {
        if (d.name() == null || d.name().isBlank() || d.name().length() > 128 || d.name().contains("/")) {
            throw new IllegalArgumentException("Dashboard name '" + d.name() + "': 1 to 128 characters, no '/'");
        }
        if (Dashboard.BUILT_IN.equals(d.owner())) {
            throw new IllegalArgumentException("Dashboards of '" + Dashboard.BUILT_IN + "' are built in: save a copy "
                    + "under your own account");
        }
        if (!d.range().matches("[1-9][0-9]{0,2}[hd]") || d.range().endsWith("d")
                && Integer.parseInt(d.range().substring(0, d.range().length() - 1)) > 400) {
            throw new IllegalArgumentException("Dashboard " + d.name() + ": range '" + d.range()
                    + "' is not a number of hours or days such as 6h, 24h, 7d, 30d");
        }
        if (d.zone() != null && !d.zone().isBlank()) {
            QueryArgs.zone(d.zone(), null);
        }
        if (d.refreshSeconds() != 0 && (d.refreshSeconds() < 10 || d.refreshSeconds() > 86_400)) {
            throw new IllegalArgumentException("Dashboard " + d.name() + ": refreshSeconds " + d.refreshSeconds()
                    + " must be 0 (never) or 10 to 86400");
        }
        if (d.widgets().size() > 24) {
            throw new IllegalArgumentException("Dashboard " + d.name() + ": at most 24 widgets");
        }
        for (Widget w : d.widgets()) {
            if (w.type() == null || !w.type().matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                throw new IllegalArgumentException("Dashboard " + d.name() + ": widget type '" + w.type()
                        + "' is not lower-case letters, digits, '.' and '-'");
            }
            if (w.kpi() != null && !KPIS.contains(w.kpi())) {
                throw new IllegalArgumentException("Dashboard " + d.name() + ": widget '" + w.title() + "' names kpi '"
                        + w.kpi() + "', not one of " + new TreeSet<>(KPIS));
            }
        }
        return d;
    }
}
