package io.switchboard.store.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The pool as the bundles see it, failing at once while the database does not answer. Without it every
 * borrower waits the pool's whole timeout: SIP threads that wait so leave the hang-ups behind them
 * unanswered, and the calls are billed until their media times out. A borrow that times out because the
 * pool could not connect marks the database away (one that found every connection busy does not); a
 * probe on a thread of its own then borrows a second after each failure and marks it back.
 */
final class DatabaseAway implements DataSource {

    // System.Logger by its outer name: java.util.logging's Logger is the one DataSource names
    private static final System.Logger LOG = System.getLogger(DatabaseAway.class.getName());
    private static final long PROBE_NANOS = Duration.ofSeconds(1).toNanos();

    private final DataSource pool;
    private final String location;
    /** when the database was first found away, null while it answers */
    private final AtomicReference<Instant> awaySince = new AtomicReference<>();
    private volatile boolean closed;

    DatabaseAway(DataSource pool, String location) {
        this.pool = pool;
        this.location = location;
    }

    /** @return when the database stopped answering, or null while it answers */
    Instant awaySince() {
        return awaySince.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Instant since = awaySince.get();
        if (since != null) {
            throw new SQLTransientConnectionException(
                    "The database is not answering (since " + since + "); it is tried again every few seconds",
                    "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException timedOut) {
            // with a cause, the pool could not connect; without, its connections were only all busy
            if (timedOut.getCause() != null) {
                away(timedOut);
            }
            throw timedOut;
        }
    }

    private void away(SQLException cause) {
        if (!closed && awaySince.compareAndSet(null, Instant.now())) {
            LOG.log(System.Logger.Level.WARNING, "The database at {0} is not answering: {1}; until it does,"
                    + " what needs it fails at once", location, Migrator.rootMessage(cause));
            Thread probe = new Thread(this::probeUntilBack, "switchboard-store-probe");
            probe.setDaemon(true);
            probe.start();
        }
    }

    private void probeUntilBack() {
        while (!closed) {
            LockSupport.parkNanos(this, PROBE_NANOS);
            try (Connection c = pool.getConnection()) {
                if (c.isValid(2)) {
                    Instant since = awaySince.getAndSet(null);
                    LOG.log(System.Logger.Level.WARNING, "The database at {0} answers again, after {1} s", location,
                            Duration.between(since, Instant.now()).toSeconds());
                    return;
                }
            } catch (SQLException stillAway) {
                // the next probe tries again; the first failure was logged
            }
        }
    }

    /** Ends the probe: the pool is being closed. */
    void close() {
        closed = true;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's pool has one account");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
