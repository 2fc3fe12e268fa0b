package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cluster.api.Cluster;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;

/**
 * A trunk's calls on every switch on the database, so that its {@code maxChannels} holds across
 * them: each second a switch writes its own calls per trunk ({@code sb_sip_trunk_channels}) and
 * reads the others', left out once a switch has not written for {@link #STALE_SECONDS} (it is
 * gone, and its calls with it). No database round trip on a call's way: the limit holds to within
 * the calls the other switches started in the last second.
 */
@Component(immediate = true)
public class TrunkChannels {

    private static final Logger LOG = System.getLogger(TrunkChannels.class.getName());
    static final int STALE_SECONDS = 5;

    private final SipServer server;
    private final DataSource db;
    private final String node;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-sip-trunk-channels");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public TrunkChannels(@Reference SipServer server, @Reference SipStore store, @Reference Cluster cluster) {
        this.server = server;
        this.db = store.dataSource();
        this.node = cluster.self();
        timer.scheduleWithFixedDelay(this::share, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void share() {
        Trunks trunks = server.trunks();
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            for (Map.Entry<String, Integer> own : trunks.channelsHere().entrySet()) {
                write(c, own.getKey(), own.getValue(), now);
            }
            Map<String, Integer> others = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT trunk, SUM(channels) FROM sb_sip_trunk_channels "
                    + "WHERE node <> ? AND updated > ? GROUP BY trunk")) {
                ps.setString(1, node);
                ps.setTimestamp(2, Timestamp.from(now.minusSeconds(STALE_SECONDS)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        others.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            trunks.channelsHere().keySet().forEach(t -> others.putIfAbsent(t, 0));
            others.forEach((trunk, n) -> trunks.state(trunk).elsewhere = n);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Trunk channels not shared this second: " + e.getMessage());
        }
    }

    private void write(Connection c, String trunk, int channels, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE sb_sip_trunk_channels SET channels = ?, updated = ? "
                + "WHERE node = ? AND trunk = ?")) {
            up.setInt(1, channels);
            up.setTimestamp(2, Timestamp.from(now));
            up.setString(3, node);
            up.setString(4, trunk);
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO sb_sip_trunk_channels (node, trunk, channels, "
                + "updated) VALUES (?, ?, ?, ?)")) {
            in.setString(1, node);
            in.setString(2, trunk);
            in.setInt(3, channels);
            in.setTimestamp(4, Timestamp.from(now));
            in.executeUpdate();
        }
    }
}
