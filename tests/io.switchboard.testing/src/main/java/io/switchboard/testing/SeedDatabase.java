package io.switchboard.testing;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded database a first start leaves, with every row deleted: the schema alone, and the
 * bookkeeping that tells the next start it is up to date. A test server started on a copy skips the
 * 60 changesets of a first start (about 5 of its 14 CPU seconds here) and otherwise starts as on an
 * empty database: its admin account, node, keys and first route version are made as at a first start.
 * Made with the H2 driver of the server product itself, loaded from its jar: the same H2 that wrote the
 * file, whatever the test's class path (an OSGi test runtime included).
 */
final class SeedDatabase {

    /** Liquibase's and the store's own record of the schema: kept, so the start finds nothing to apply. */
    private static final Set<String> KEPT = Set.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK",
            "SWITCHBOARD_SCHEMA_DIGEST");
    private static final String FILE = ".mv.db";

    private SeedDatabase() {
    }

    /**
     * @param serverDir the server product, whose H2 jar opens the database
     * @param trained the data folder of a server that started once on an empty one and stopped
     * @param seed where the emptied copy of its database goes
     */
    static void make(Path serverDir, Path trained, Path seed) throws IOException, SQLException {
        Path work = Files.createTempDirectory(seed.toAbsolutePath().getParent(), "seed-"); // a move within one disk
        try (URLClassLoader h2 = new URLClassLoader(new URL[] { h2Jar(serverDir).toUri().toURL() },
                ClassLoader.getPlatformClassLoader())) {
            empty(driver(h2), trained, work);
            Files.move(work.resolve("seed" + FILE), seed, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            ServerJvm.deleteTree(work);
        }
    }

    private static Path h2Jar(Path serverDir) throws IOException {
        try (Stream<Path> jars = Files.list(serverDir.resolve("bundle"))) {
            return jars.filter(j -> j.getFileName().toString().startsWith("com.h2database")).findFirst()
                    .orElseThrow(() -> new IOException("no H2 in " + serverDir.resolve("bundle")));
        }
    }

    private static Driver driver(ClassLoader h2) throws SQLException {
        try {
            return (Driver) Class.forName("org.h2.Driver", true, h2).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("H2's driver could not be loaded: " + e, e);
        }
    }

    private static void empty(Driver driver, Path trained, Path work) throws IOException, SQLException {
        Files.copy(trained.resolve("db").resolve("switchboard" + FILE), work.resolve("seed" + FILE));
        Properties account = new Properties();
        account.setProperty("user", "");
        account.setProperty("password", "");
        try (Connection c = driver.connect("jdbc:h2:file:" + work.resolve("seed"), account);
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] { "TABLE" })) {
                while (r.next()) {
                    tables.add(r.getString("TABLE_NAME"));
                }
            }
            s.execute("SET REFERENTIAL_INTEGRITY FALSE");
            for (String table : tables) {
                if (!KEPT.contains(table)) {
                    s.execute("TRUNCATE TABLE \"" + table + "\" RESTART IDENTITY");
                }
            }
            s.execute("SET REFERENTIAL_INTEGRITY TRUE");
            s.execute("SHUTDOWN COMPACT");
        }
    }
}
