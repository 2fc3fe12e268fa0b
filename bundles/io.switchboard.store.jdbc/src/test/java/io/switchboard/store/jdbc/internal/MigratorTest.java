package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import io.switchboard.store.api.Dialect;
import io.switchboard.store.api.StoreException;
import io.switchboard.testing.Postgres;
import liquibase.resource.ClassLoaderResourceAccessor;

class MigratorTest {

    private static final String CHANGELOG = "db/test-changelog.xml";

    @TempDir
    Path data;

    @Test
    void appliesChangelogToEmptyH2FileThenNothingOnSecondStart() throws Exception {
        StoreSettings settings = StoreSettings.of(config("", ""), data);
        assertEquals(Dialect.H2, settings.dialect());
        try (HikariDataSource pool = JdbcStore.open(settings)) {
            assertEquals(2, migrate(pool));
            insertAndCount(pool);
        }
        assertTrue(data.resolve("db").resolve("switchboard.mv.db").toFile().isFile(), "H2 file in data/db");
        // A second start on the same file: nothing new to apply, the row is still there.
        try (HikariDataSource pool = JdbcStore.open(settings)) {
            assertEquals(0, migrate(pool));
            assertEquals(1, count(pool));
        }
    }

    @Test
    void appliesChangelogToPostgresThenNothingOnSecondStart() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            StoreSettings settings = StoreSettings.of(config(pg.url(), Postgres.USER), data);
            assertEquals(Dialect.POSTGRESQL, settings.dialect());
            try (HikariDataSource pool = JdbcStore.open(settings)) {
                assertEquals(2, migrate(pool));
                insertAndCount(pool);
            }
            try (HikariDataSource pool = JdbcStore.open(settings)) {
                assertEquals(0, migrate(pool));
                assertEquals(1, count(pool));
            }
        }
    }

    @Test
    void aChangelogIsAppliedAfterAnUpToDateOneOfTheSameLogicalPath() throws Exception {
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            var resources = new ClassLoaderResourceAccessor(getClass().getClassLoader());
            assertEquals(1, Migrator.apply(pool, resources, "db/test-shared-a.xml"));
            assertEquals(0, Migrator.apply(pool, resources, "db/test-shared-a.xml"));
            assertEquals(1, Migrator.apply(pool, resources, "db/test-shared-b.xml"));
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sb_test_b")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void anUpToDateChangelogIsNotGivenToLiquibase() throws Exception {
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            assertEquals(2, migrate(pool));
            // another process holds Liquibase's lock: Liquibase would wait minutes for it, a read of the digest not
            execute(pool, "UPDATE DATABASECHANGELOGLOCK SET LOCKED = TRUE, LOCKGRANTED = CURRENT_TIMESTAMP,"
                    + " LOCKEDBY = 'another server'");
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertEquals(0, migrate(pool)));
            execute(pool, "UPDATE DATABASECHANGELOGLOCK SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL");
        }
    }

    @Test
    void aChangelogWhoseChangesetsWereRolledBackGoesToLiquibaseAgain() throws Exception {
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            assertEquals(2, migrate(pool));
            insertAndCount(pool);
            // what a rollback of the second changeset leaves: its column and its row in the changelog gone
            execute(pool, "ALTER TABLE sb_test_widget DROP COLUMN created");
            execute(pool, "DELETE FROM DATABASECHANGELOG WHERE ID = '2'");
            assertEquals(1, migrate(pool));
            execute(pool, "UPDATE sb_test_widget SET created = CURRENT_TIMESTAMP");
            assertEquals(1, count(pool));
        }
    }

    @Test
    void aChangedChangelogGoesToLiquibaseAndIsRecordedAnew() throws Exception {
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            assertEquals(2, migrate(pool));
            // the digest of an older text of the changelog: this one is new to the database
            execute(pool, "UPDATE " + SchemaDigests.TABLE + " SET DIGEST = 'older'");
            execute(pool, "ALTER TABLE sb_test_widget DROP COLUMN created");
            execute(pool, "DELETE FROM DATABASECHANGELOG WHERE ID = '2'");
            execute(pool, "UPDATE " + SchemaDigests.TABLE + " SET APPLIED = 1");
            assertEquals(1, migrate(pool));
            try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM " + SchemaDigests.TABLE + " WHERE DIGEST <> 'older' AND APPLIED = 2")) {
                assertTrue(rs.next() && rs.getInt(1) == 1, "the text applied now is recorded");
            }
        }
    }

    @Test
    void changelogsAppliedTogetherAreTheChangesetsTheyApplyAlone() throws Exception {
        var resources = new ClassLoaderResourceAccessor(getClass().getClassLoader());
        List<Migrator.Changelog> three = Stream.of(CHANGELOG, "db/test-shared-a.xml", "db/test-shared-b.xml")
                .map(path -> new Migrator.Changelog(resources, path)).toList();
        try (HikariDataSource together = JdbcStore.open(StoreSettings.of(config("", ""), data.resolve("together")));
                HikariDataSource alone = JdbcStore.open(StoreSettings.of(config("", ""), data.resolve("alone")))) {
            assertEquals(4, Migrator.applyAll(together, three));
            for (Migrator.Changelog changelog : three) {
                assertEquals(0, Migrator.apply(together, resources, changelog.path()), changelog.path());
            }
            assertEquals(2, migrate(alone));
            assertEquals(2, Migrator.applyAll(alone, three), "only the changelogs not yet applied");
            assertEquals(0, Migrator.applyAll(alone, three));
            assertEquals(changesets(alone), changesets(together));
            insertAndCount(together);
        }
    }

    @Test
    void aMissingChangelogAmongSeveralIsNamed() throws Exception {
        var resources = new ClassLoaderResourceAccessor(getClass().getClassLoader());
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            StoreException e = assertThrows(StoreException.class, () -> Migrator.applyAll(pool, List.of(
                    new Migrator.Changelog(resources, CHANGELOG), new Migrator.Changelog(resources, "db/nope.xml"))));
            assertTrue(e.getMessage().contains("db/nope.xml"), e.getMessage());
        }
    }

    @Test
    void missingChangelogIsAClearError() throws Exception {
        try (HikariDataSource pool = JdbcStore.open(StoreSettings.of(config("", ""), data))) {
            StoreException e = assertThrows(StoreException.class, () -> Migrator.apply(pool,
                    new ClassLoaderResourceAccessor(getClass().getClassLoader()), "db/nope.xml"));
            assertTrue(e.getMessage().contains("db/nope.xml"), e.getMessage());
        }
    }

    @Test
    void unreachableDatabaseNamesTheSetting() {
        StoreSettings settings = StoreSettings.of(config("jdbc:postgresql://127.0.0.1:1/none", "x"), data);
        StoreException e = assertThrows(StoreException.class, () -> JdbcStore.open(settings));
        assertTrue(e.getMessage().contains("io.switchboard.store.jdbc url"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }

    private int migrate(HikariDataSource pool) {
        return Migrator.apply(pool, new ClassLoaderResourceAccessor(getClass().getClassLoader()), CHANGELOG);
    }

    /** @return the changesets the database records: id, author and logical path */
    private static Set<String> changesets(HikariDataSource pool) throws Exception {
        Set<String> all = new TreeSet<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ID, AUTHOR, FILENAME FROM DATABASECHANGELOG")) {
            while (rs.next()) {
                all.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
            }
        }
        assertEquals(4, all.size(), all.toString());
        return all;
    }

    private static void insertAndCount(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection();
                var ps = c.prepareStatement("INSERT INTO sb_test_widget (id, name, created) VALUES (?, ?, ?)")) {
            ps.setLong(1, 1);
            ps.setString(2, "first");
            ps.setObject(3, OffsetDateTime.now());
            ps.executeUpdate();
        }
        assertEquals(1, count(pool));
    }

    private static void execute(HikariDataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int count(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sb_test_widget")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static StoreConfig config(String url, String user) {
        return config(url, user, 4, 5);
    }

    static StoreConfig config(String url, String user, int poolSize, int timeout) {
        return config(url, user, poolSize, timeout, 60);
    }

    static StoreConfig config(String url, String user, int poolSize, int timeout, int silence) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String _password() {
                return "";
            }

            @Override
            public int poolSize() {
                return poolSize;
            }

            @Override
            public int connectTimeoutSeconds() {
                return timeout;
            }

            @Override
            public int socketTimeoutSeconds() {
                return silence;
            }
        };
    }
}
