package io.switchboard.kpi.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrListener;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.KpiStatus;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.queue.api.Queues;
import io.switchboard.store.api.Store;

/**
 * The KPI service: rollups kept up to date from the CDR service's commits, read back for queries.
 * At start it checks the rollups against the records and rebuilds them when they disagree (a crash
 * between a commit and its rollup, a changed zone or destination list).
 */
@Component(configurationPid = KpiConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = KpiService.class)
@Designate(ocd = KpiConfig.class)
public class KpiServiceImpl implements KpiService, CdrListener {

    private static final Logger LOG = System.getLogger(KpiServiceImpl.class.getName());
    private static final String BUILT_WITH = "built-with";

    private final CdrService cdr;
    private final RollupTable table;
    private final RollupWriter writer;
    private final KpiReader reader;
    private final Dashboards dashboards;
    private final ZoneId zone;
    private final Destinations destinations;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final Thread checker;
    /**
     * Registered by hand once this service stands: as a component service it would close a circle
     * (the CDR service binds its listeners, this service needs the CDR service) that SCR cannot
     * always resolve at start.
     */
    private final ServiceRegistration<CdrListener> listening;
    private volatile int retentionDays;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MediaRelay relay;
    /** The queues' thresholds of their figures; without the queues, their defaults. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Queues queues;

    @Activate
    public KpiServiceImpl(@Reference CdrService cdr, @Reference Store store, BundleContext context, KpiConfig config) {
        this.cdr = cdr;
        this.zone = zone(config.timeZone());
        this.destinations = new Destinations(Arrays.asList(config.destinationPrefixes()));
        store.migrate(context.getBundle(), "db/io.switchboard.kpi.core.changelog.xml");
        this.table = new RollupTable(store.dataSource());
        this.reader = new KpiReader(table);
        this.dashboards = new Dashboards(store.dataSource(), KpiServlet.JSON);
        this.writer = new RollupWriter(table, new Days(zone), destinations, Math.max(50, config.flushMillis()));
        this.listening = context.registerService(CdrListener.class, this, null);
        this.checker = new Thread(this::check, "switchboard-kpi-check");
        checker.setDaemon(true);
        checker.start();
    }

    @Deactivate
    void close() throws InterruptedException {
        listening.unregister();
        checker.join(60_000);
        writer.close();
    }

    @Override
    public void stored(List<CallRecord> records) {
        writer.stored(records);
    }

    @Override
    public void deletedBefore(Instant cutoff) {
        int rows = writer.call(() -> table.deleteBefore(cutoff.getEpochSecond()));
        LOG.log(Level.INFO, "KPI rollups: " + rows + " buckets before the retention's cutoff " + cutoff + " deleted");
    }

    @Override
    public KpiReport query(KpiQuery query) {
        Queues q = queues;
        return reader.read(query, new KpiReader.Context(zone, retentionDays, relay != null, rebuilding.get(),
                q == null ? 20 : q.serviceLevelSeconds(), q == null ? 5 : q.shortAbandonSeconds()));
    }

    @Override
    public long rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            throw new IllegalStateException("The KPI rollups are being rebuilt already");
        }
        try {
            long t0 = System.nanoTime();
            LOG.log(Level.INFO, "Rebuilding the KPI rollups from the call records");
            long n = writer.rebuild(cdr::scan);
            writer.call(() -> {
                table.state(BUILT_WITH, builtWith());
                return null;
            });
            LOG.log(Level.INFO, "KPI rollups rebuilt from " + n + " records in " + (System.nanoTime() - t0) / 1_000_000
                    + " ms");
            return n;
        } finally {
            rebuilding.set(false);
        }
    }

    @Override
    public KpiStatus status() {
        return new KpiStatus(zone.getId(), table.attemptsSince(Long.MIN_VALUE), rebuilding.get(), destinations.prefixes());
    }

    @Override
    public List<Dashboard> dashboards(String account) {
        return dashboards.visibleTo(account);
    }

    @Override
    public Dashboard saveDashboard(Dashboard dashboard) {
        return dashboards.save(dashboard);
    }

    @Override
    public boolean deleteDashboard(String owner, String name) {
        return dashboards.delete(owner, name);
    }

    /** The rollups agree with the records from their second day on (the retention cuts the first one). */
    private void check() {
        try {
            retentionDays = cdr.status().retentionDays();
            String wanted = builtWith();
            String had = table.state(BUILT_WITH).orElse(null);
            if (!wanted.equals(had)) {
                if (had != null || cdr.status().storedRecords() > 0) {
                    LOG.log(Level.INFO, "KPI rollups were built " + (had == null ? "by no one" : "with " + had)
                            + ", now " + wanted + ": rebuilding them");
                    rebuild();
                } else {
                    table.state(BUILT_WITH, wanted);
                }
                return;
            }
            long from = table.secondDay().orElse(Long.MIN_VALUE);
            long rolled = table.attemptsSince(from);
            long records = from == Long.MIN_VALUE ? cdr.status().storedRecords()
                    : cdr.search(new CdrQuery("start:[" + Instant.ofEpochSecond(from) + " TO *]", null, true, 0, 0,
                            List.of())).total();
            if (rolled != records) {
                LOG.log(Level.WARNING, "KPI rollups count " + rolled + " calls, the records " + records
                        + ": rebuilding the rollups");
                rebuild();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "KPI rollup check failed: " + e.getMessage(), e);
        }
    }

    /** What the rollups depend on besides the records: when it changes they are built again. */
    private String builtWith() {
        return "zone=" + zone.getId() + ";destinations=" + String.join(",", destinations.prefixes())
                + ";sums=micros,queues";
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid setting " + KpiConfig.PID + " timeZone='" + id
                    + "': a zone such as Europe/Paris or UTC", e);
        }
    }
}
