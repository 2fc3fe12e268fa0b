package io.switchboard.store.jdbc.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's upkeep of its file. The store runs H2 with WRITE_DELAY=0, so that a commit
 * is in the file when it returns; H2 then also stops the background thread that would otherwise
 * rewrite the chunks that hold few live pages and move the rest together. Without it every commit's
 * chunk stayed in the file for as long as one page of it lived, and the file grew about ten times
 * faster than the data (issue 68). This runs the same upkeep, with H2's own MVStore operations, on
 * a timer of its own, in small passes as H2 does (each holds H2's store lock): the chunks emptier
 * than the average are rewritten, and the space of those left empty is reused. Chunks are not moved
 * while the server runs: H2's move of chunks (compactMoveChunks) broke one of its own assertions
 * under this load (H2UpkeepTest), so the file keeps its size and reuses its free space.
 * <p>
 * H2 keeps a replaced chunk 45 s before it reuses its space, assuming the system has written the file
 * out by then; that alone was a minute of writes in the file. Each pass writes the file out
 * (fsync), so five passes' time is enough, as H2's documentation of the retention time says.
 */
final class H2Upkeep implements AutoCloseable {

    private static final Logger LOG = System.getLogger(H2Upkeep.class.getName());

    /** Chunks are rewritten while less of the chunks' space than this (per cent) is live: H2's own. */
    static final int REWRITE_UP_TO = 90;
    private static final int REWRITE_BYTES = 2 << 20;
    private static final long SLOW_MILLIS = 250;
    /** The stop compacts the file when less of it than this (per cent) is in use... */
    static final int STOP_COMPACT_BELOW_FILL = 50;
    /** ...and it is no larger than this. */
    static final long STOP_COMPACT_MAX_BYTES = 256L << 20;
    /** H2's "database is already closed" (ErrorCode.DATABASE_CALLED_AT_SHUTDOWN): the shutdown's own doing. */
    private static final int CLOSED_BY_SHUTDOWN = 90121;

    private final DataSource pool;
    private final ScheduledExecutorService timer;
    /** How long H2 keeps a replaced chunk: five of this upkeep's periods, each of which ends with the file on disk. */
    private final int retentionMillis;
    /** Set and read by one pass at a time (the timer has one thread). */
    private MVStore store;

    H2Upkeep(DataSource pool, long periodMillis) {
        this.pool = pool;
        this.retentionMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(5_000, 5 * periodMillis));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-h2-upkeep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One pass: writes the file out, then rewrites the chunks emptier than the average. */
    void run() {
        try {
            MVStore store = found();
            FileStore<?> file = store == null || store.isClosed() ? null : store.getFileStore();
            if (file == null) {
                return; // closing, or a database in memory
            }
            long started = System.nanoTime();
            // H2 keeps a replaced chunk 45 s by default, trusting the system to have written it by then;
            // written out every second here, the file holds 5 s of replaced chunks instead of 45
            store.sync();
            if (store.getRetentionTime() > retentionMillis) {
                store.setRetentionTime(retentionMillis);
            }
            int live = file.getChunksFillRate();
            if (live < REWRITE_UP_TO) {
                // the chunks emptier than the average (and then some) first, as H2's own upkeep picks them
                store.compact(Math.min(REWRITE_UP_TO, live + 10), REWRITE_BYTES);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // a pass holds H2's store lock: commits wait for it, so a long one is worth an admin's notice
            LOG.log(millis > SLOW_MILLIS ? Level.INFO : Level.DEBUG, "Embedded database upkeep: file {0} MB, {1} % in "
                    + "use, chunks {2} % live, {3} ms", file.size() >> 20, file.getFillRate(),
                    file.getChunksFillRate(), millis);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The embedded database's upkeep failed: " + Migrator.rootMessage(e));
        }
    }

    /** @return H2's store, found once (the pool's database is the same for the upkeep's life), or null */
    private MVStore found() throws SQLException {
        if (store == null) {
            try (Connection c = pool.getConnection()) {
                store = mvStore(c);
            } catch (ReflectiveOperationException | ClassCastException e) {
                // a database H2 serves over TCP, or an H2 whose engine changed: nothing to keep up from here
                LOG.log(Level.WARNING, "No upkeep of the embedded database's file: " + e);
                timer.shutdown();
            }
        }
        return store;
    }

    /**
     * H2 reaches its store only through its engine's classes, which its bundle does not export: they
     * are called by name, public methods of public classes, and an H2 that no longer has them gets no
     * upkeep (a warning) rather than no store.
     */
    static MVStore mvStore(Connection c) throws SQLException, ReflectiveOperationException {
        Object session = call(c.unwrap(JdbcConnection.class), "getSession");
        Object database = session == null ? null : call(session, "getDatabase");
        Object store = database == null ? null : call(database, "getStore");
        return store == null ? null : (MVStore) call(store, "getMvStore");
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(name);
        return m.invoke(target);
    }

    /**
     * At the stop, gives the file's free space back: H2 reuses it while running but never returns it (its
     * own compaction at close does not cut the file, and moving chunks while running is unsafe, see above).
     * H2's SHUTDOWN COMPACT writes the live data to a new file, in a time that grows with the data, so it
     * runs only when at most half the file is in use and the file is small enough for a service manager's
     * stop timeout; a larger file is named in the log, for an offline compaction.
     */
    void compactAtStop() {
        try {
            MVStore mv = found();
            FileStore<?> file = mv == null || mv.isClosed() ? null : mv.getFileStore();
            if (file == null) {
                return;
            }
            // the share of the file in chunks, times the share of the chunks' space that is live
            int fill = file.getFillRate() * file.getChunksFillRate() / 100;
            if (fill >= STOP_COMPACT_BELOW_FILL) {
                return;
            }
            long before = file.size();
            Path path = Path.of(file.getFileName());
            if (before > STOP_COMPACT_MAX_BYTES) {
                LOG.log(Level.INFO, "The embedded database''s file is {0} MB, {1} % in use: too large to compact at"
                        + " the stop; run SHUTDOWN COMPACT on the stopped server to give the space back (admin guide)",
                        before >> 20, fill);
                return;
            }
            long started = System.nanoTime();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            } catch (SQLException closed) {
                if (closed.getErrorCode() != CLOSED_BY_SHUTDOWN) {
                    throw closed;
                }
            }
            LOG.log(Level.INFO, "The embedded database''s file, {0} MB and {1} % in use, compacted at the stop to"
                    + " {2} MB in {3} ms", before >> 20, fill, Files.size(path) >> 20,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The embedded database could not be compacted at the stop: "
                    + Migrator.rootMessage(e));
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            // a pass in progress finishes before the pool closes under it
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
