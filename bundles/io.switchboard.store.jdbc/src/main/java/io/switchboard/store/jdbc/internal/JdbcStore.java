package io.switchboard.store.jdbc.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.switchboard.store.api.Dialect;
import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;
import liquibase.resource.OSGiResourceAccessor;

/**
 * The store on JDBC: embedded H2 in {@code <data>/db} unless a URL is configured under the PID
 * {@value StoreConfig#PID}. The configuration is required (the server ships a default one) so that
 * the store never opens the default database before the admin's settings have been read. A
 * configuration change restarts the component, and everything that depends on the store, on the
 * new database.
 */
@Component(configurationPid = StoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StoreConfig.class)
public class JdbcStore implements Store {

    /** Framework property naming the server's data folder; set by the launcher. */
    public static final String DATA_DIR_PROPERTY = "switchboard.data";
    /** Framework property naming the product's folder, where the schema template is; set by the launcher. */
    static final String HOME_PROPERTY = "switchboard.home";

    private static final Logger LOG = System.getLogger(JdbcStore.class.getName());
    private static final long UPKEEP_MILLIS = 1_000;
    /** A borrower waits at most this long: SIP threads must not wait out a database outage. */
    private static final int BORROW_SECONDS = 3;

    private final StoreSettings settings;
    private final HikariDataSource pool;
    private final DatabaseAway away;
    private final H2Upkeep upkeep;

    @Activate
    public JdbcStore(BundleContext context, StoreConfig config) {
        String data = context.getProperty(DATA_DIR_PROPERTY);
        Path dataDir = Path.of(data != null ? data : "data");
        this.settings = StoreSettings.of(config, dataDir);
        if (settings.url().equals(StoreSettings.defaultH2Url(dataDir))) {
            SchemaTemplate.copyIfNew(context.getProperty(HOME_PROPERTY), SchemaTemplate.defaultFile(dataDir));
        }
        this.pool = open(settings);
        this.away = new DatabaseAway(pool, settings.location());
        this.upkeep = settings.dialect() == Dialect.H2 ? new H2Upkeep(pool, UPKEEP_MILLIS) : null;
        LOG.log(Level.INFO, "Store ready: {0} ({1})", settings.location(), settings.dialect());
        try {
            StartingSchemas.apply(context, pool);
        } catch (RuntimeException | Error e) {
            close(); // no pool nor upkeep thread left behind by a store that did not start
            throw e;
        }
    }

    static HikariDataSource open(StoreSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("switchboard-store");
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setMinimumIdle(Math.min(2, settings.poolSize()));
        hc.setConnectionTimeout(Math.min(settings.connectTimeoutSeconds(), BORROW_SECONDS) * 1000L);
        hc.setInitializationFailTimeout(settings.connectTimeoutSeconds() * 1000L);
        hc.setDataSource(rawDataSource(settings));
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the store at " + settings.location()
                    + (settings.user() != null ? " as user '" + settings.user() + "'" : "") + ": "
                    + Migrator.rootMessage(e) + " (setting " + StoreConfig.PID + " url)", e);
        }
    }

    private static DataSource rawDataSource(StoreSettings settings) {
        // Drivers are instantiated directly: DriverManager cannot see other bundles' drivers.
        if (settings.dialect() == Dialect.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user() == null ? "" : settings.user());
            h2.setPassword(settings.password() == null ? "" : settings.password());
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(settings.url());
        if (settings.user() != null) {
            pg.setUser(settings.user());
        }
        if (settings.password() != null) {
            pg.setPassword(settings.password());
        }
        pg.setConnectTimeout(settings.connectTimeoutSeconds());
        pg.setSocketTimeout(settings.socketTimeoutSeconds());
        return pg;
    }

    @Deactivate
    void close() {
        if (upkeep != null) {
            upkeep.close();
            upkeep.compactAtStop();
        }
        away.close();
        pool.close();
        LOG.log(Level.INFO, "Store closed: {0}", settings.location());
    }

    @Override
    public DataSource dataSource() {
        return away;
    }

    @Override
    public Dialect dialect() {
        return settings.dialect();
    }

    @Override
    public String location() {
        return settings.location();
    }

    @Override
    public int migrate(Bundle owner, String changelog) {
        if (owner.getEntry(changelog) == null) {
            throw new StoreException("Changelog " + changelog + " not found in bundle " + owner.getSymbolicName());
        }
        int applied = Migrator.apply(pool, new OSGiResourceAccessor(owner), changelog);
        LOG.log(Level.INFO, "Schema of {0}: {1} changeset(s) applied", owner.getSymbolicName(), applied);
        return applied;
    }
}
