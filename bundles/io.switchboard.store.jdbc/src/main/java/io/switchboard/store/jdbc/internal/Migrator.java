package io.switchboard.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Applies Liquibase changelogs; usable outside OSGi so that it can be tested on plain JUnit. */
final class Migrator {

    /** Liquibase's setting (AnalyticsArgs.ENABLED), read from the scope before anything else. */
    static final String ANALYTICS_ENABLED = "liquibase.analytics.enabled";

    /** The advisory lock's key: "sbschema" in ASCII, a number no other user of the database is likely to pick. */
    private static final long SCHEMA_LOCK = 0x7362736368656d61L;

    private Migrator() {
    }

    /**
     * One migration at a time in this process: Liquibase shares one lock service among all its
     * Database objects of a URL, and it is not safe for concurrent use (two bundles migrating at once in
     * the console's local server left the changelog lock taken, and every later migration waited for it).
     * Between processes the changelog lock still serialises them.
     */
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

    /** A changelog and where Liquibase reads it (and anything it refers to). */
    record Changelog(ResourceAccessor resources, String path) {
    }

    /**
     * @return the number of changesets this call applied
     */
    static int apply(DataSource dataSource, ResourceAccessor resources, String changelog) {
        return applyAll(dataSource, List.of(new Changelog(resources, changelog)));
    }

    /**
     * Applies several changelogs in one Liquibase run: each run costs its lock, its look at the changelog
     * table and its services whatever it applies, and a first start's twenty runs took seconds.
     *
     * @return the number of changesets this call applied
     */
    static int applyAll(DataSource dataSource, List<Changelog> changelogs) {
        ONE_AT_A_TIME.lock();
        try {
            return applyAlone(dataSource, changelogs);
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    private static int applyAlone(DataSource dataSource, List<Changelog> changelogs) {
        // Liquibase finds its own services through the thread context class loader; inside Felix
        // that is the launcher's loader, so point it at Liquibase's bundle for the whole call.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Scope.class.getClassLoader());
        try (Connection connection = dataSource.getConnection()) {
            List<Changelog> stale = new ArrayList<>();
            List<SchemaDigests> texts = new ArrayList<>();
            boolean kept = SchemaDigests.kept(connection);
            for (Changelog changelog : changelogs) {
                SchemaDigests text = SchemaDigests.of(changelog.path(), read(changelog));
                if (!kept || !text.upToDate(connection)) {
                    stale.add(changelog);
                    texts.add(text);
                }
            }
            if (stale.isEmpty()) {
                return 0;
            }
            lockAcrossServers(connection);
            try {
                int applied = update(connection, stale);
                for (SchemaDigests text : texts) {
                    text.record(connection);
                }
                return applied;
            } finally {
                unlockAcrossServers(connection);
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("Schema migration " + paths(changelogs) + " failed: " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String paths(List<Changelog> changelogs) {
        return String.join(", ", changelogs.stream().map(Changelog::path).toList());
    }

    /**
     * Servers sharing a PostgreSQL database migrate one at a time, under an advisory lock of the
     * session: Liquibase's own changelog lock does not hold while its lock table is being made, and
     * three servers started at once on an empty database ran the same changelogs together (one was
     * left without its SIP tables). The lock goes with the session if the process dies.
     */
    private static void lockAcrossServers(Connection connection) throws SQLException {
        if (isPostgreSql(connection)) {
            // an upgrade's migration, or the wait for another server's, may take longer than the silence timeout
            // that guards everyday statements; the pool puts the timeout back when the connection returns
            connection.setNetworkTimeout(Runnable::run, 0);
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
        }
    }

    private static void unlockAcrossServers(Connection connection) throws SQLException {
        if (isPostgreSql(connection)) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
        }
    }

    private static byte[] read(Changelog changelog) throws IOException {
        try (InputStream in = changelog.resources().getExisting(changelog.path()).openInputStream()) {
            return in.readAllBytes();
        }
    }

    private static boolean isPostgreSql(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    private static int update(Connection connection, List<Changelog> changelogs) throws Exception {
        ResourceAccessor resources;
        String changelog;
        if (changelogs.size() == 1) {
            resources = changelogs.get(0).resources();
            changelog = changelogs.get(0).path();
        } else {
            IncludingChangelog master = new IncludingChangelog(changelogs.stream().map(Changelog::path).toList());
            List<ResourceAccessor> all = new ArrayList<>(List.of(master));
            changelogs.forEach(c -> all.add(c.resources()));
            resources = new CompositeResourceAccessor(all);
            changelog = IncludingChangelog.PATH;
        }
        int before = appliedCount(connection);
        // Liquibase remembers a changelog found up to date by its logical path, for the whole
        // process; sip.core's and sip.provisioning.jdbc's changelogs share one (they were one), so
        // the second was skipped once the first was up to date, and sip.core's new tables were never made.
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        // Liquibase's console UI would print to stdout; send it to the log instead. Its usage
        // analytics would send a report to an outside host at every start: off.
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources, Scope.Attr.ui.name(),
                new LoggerUIService(), ANALYTICS_ENABLED, Boolean.FALSE), () -> new CommandScope(
                UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                .execute());
        return appliedCount(connection) - before;
    }

    static int appliedCount(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException missingTable) {
            if (!autoCommit) {
                connection.rollback();
            }
            return 0;
        }
    }

    /** @return the innermost cause's message: the one that says what is wrong */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
