package io.switchboard.cluster.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.cluster.api.Cluster;
import io.switchboard.cluster.api.ClusterNode;
import io.switchboard.sip.api.CallControl;
import io.switchboard.store.api.Store;

/**
 * This server's row among the servers on the database: written every
 * {@link Cluster#HEARTBEAT_SECONDS} with its calls and load, and a look at the others' rows each
 * time, to find one that has fallen silent. The first server to mark a silent one lost (one row
 * update decides it) posts {@link Cluster#NODE_LOST}, so exactly one takes over what it left.
 * The servers' clocks are compared: they keep time with NTP, as SIP's digest nonces need too.
 */
@Component(service = Cluster.class, immediate = true)
public class NodeRegistry implements Cluster {

    private static final Logger LOG = System.getLogger(NodeRegistry.class.getName());

    private final NodeTable table;
    private final String self;
    private final String version;
    private final Instant started = Instant.now();
    private final EventAdmin events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallControl calls;

    @Activate
    public NodeRegistry(@Reference Store store, @Reference EventAdmin events, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.cluster.core.changelog.xml");
        this.table = new NodeTable(store.dataSource());
        this.events = events;
        this.self = name(context.getProperty(NODE_PROPERTY));
        this.version = context.getBundle().getVersion().toString();
        table.all(started).stream().filter(n -> n.name().equals(self) && n.alive()).findFirst().ifPresent(n ->
                LOG.log(Level.WARNING, "Server name " + self + " was alive on this database " + n.seen() + ": if that "
                        + "was another server, give each its own name (--node), or they take each other's calls' records"));
        beat();
        LOG.log(Level.INFO, "This server is " + self + " among " + table.all(Instant.now()).size()
                + " on the database");
        timer.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** @return the server's name: the property, else the host's name; a bad one is refused, named */
    static String name(String property) {
        String name = property;
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "switchboard";
            }
            name = name.replaceAll("[^A-Za-z0-9._-]", "-");
            return name.length() > 64 ? name.substring(0, 64) : name;
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("Invalid server name " + NODE_PROPERTY + "='" + name
                    + "': 1 to 64 of letters, digits, . _ -");
        }
        return name;
    }

    @Deactivate
    void stop() {
        // not shutdownNow: an interrupt in the middle of a heartbeat's write closes H2's file under everyone
        // (ServerLifecycleIT saw "Writing to FileChannelImpl failed" at a stop); the beat running ends first
        timer.close();
    }

    private void beat() {
        try {
            Instant now = Instant.now();
            table.beat(new ClusterNode(self, version, started, now, true, null, callsNow(), load(),
                    Runtime.getRuntime().availableProcessors()));
            for (ClusterNode n : table.all(now)) {
                if (!n.name().equals(self) && n.lost() == null && !n.alive()
                        && table.markLost(n.name(), now.minusSeconds(LOST_AFTER_SECONDS), now)) {
                    LOG.log(Level.WARNING, "Server " + n.name() + " silent since " + n.seen() + ": lost; " + self
                            + " takes over what it left");
                    events.postEvent(new Event(NODE_LOST, Map.of(NODE, n.name())));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster heartbeat failed: " + e.getMessage());
        }
    }

    private int callsNow() {
        CallControl c = calls;
        return c == null ? 0 : c.activeCalls().size();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public List<ClusterNode> nodes() {
        return table.all(Instant.now());
    }
}
