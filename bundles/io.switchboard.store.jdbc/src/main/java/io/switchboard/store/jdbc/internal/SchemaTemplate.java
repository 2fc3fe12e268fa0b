package io.switchboard.store.jdbc.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;

import liquibase.resource.ZipResourceAccessor;

/**
 * The embedded database a first start begins from: the server product's build applies the changelogs
 * of the bundles it ships to an empty H2 file ({@link #main}), and a first start on the default
 * database copies that file instead of running its 60 changesets through Liquibase, most of a first
 * start's time. The file holds the schema and the record that it is applied (Liquibase's and
 * {@link SchemaDigests}'), no row of anyone's: the admin account, the node, the keys are made at the
 * start as before. Should the file not match the bundles (a plugin's changelog, a bundle replaced),
 * the digests tell, and Liquibase applies what is missing, as on any start.
 */
final class SchemaTemplate {

    /** The template's place in the product, under its home folder. */
    static final Path IN_HOME = Path.of("defaults", "db", "switchboard.mv.db");

    private static final Logger LOG = System.getLogger(SchemaTemplate.class.getName());

    private SchemaTemplate() {
    }

    /**
     * Writes the template: {@code SchemaTemplate BUNDLE_FOLDER TEMPLATE_FILE}, run by the product's build
     * with the bundles on its class path.
     */
    public static void main(String[] args) throws Exception {
        Path bundles = Path.of(args[0]);
        Path template = Path.of(args[1]).toAbsolutePath();
        String name = template.getFileName().toString();
        if (!name.endsWith(".mv.db")) {
            throw new IllegalArgumentException(template + ": an H2 file name ends with .mv.db");
        }
        Files.createDirectories(template.getParent());
        Files.deleteIfExists(template);
        List<ZipResourceAccessor> jars = new ArrayList<>();
        try {
            List<Migrator.Changelog> changelogs = new ArrayList<>();
            for (Path jar : shipped(bundles)) {
                String changelog = changelogOf(jar);
                if (changelog != null) {
                    ZipResourceAccessor resources = new ZipResourceAccessor(jar);
                    jars.add(resources);
                    changelogs.add(new Migrator.Changelog(resources, changelog));
                }
            }
            JdbcDataSource h2 = new JdbcDataSource();
            // no trace file: the first looks for Liquibase's tables are misses H2 would write there
            h2.setURL("jdbc:h2:file:" + template.getParent().resolve(name.substring(0, name.length() - 6))
                    + ";TRACE_LEVEL_FILE=0");
            h2.setUser("");
            h2.setPassword("");
            int applied = Migrator.applyAll(h2, changelogs);
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            System.out.println("Schema template " + template + ": " + changelogs.size() + " changelogs, " + applied
                    + " changesets, " + Files.size(template) + " bytes");
        } finally {
            for (ZipResourceAccessor jar : jars) {
                jar.close();
            }
        }
    }

    private static List<Path> shipped(Path bundles) throws IOException {
        try (Stream<Path> files = Files.list(bundles)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String changelogOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(StartingSchemas.HEADER);
        }
    }

    /**
     * Puts the template where the default database goes, when there is none yet.
     *
     * @param home the product's home folder, or null (no template then)
     * @param database the default database's file
     * @return whether the database was made from the template
     */
    static boolean copyIfNew(String home, Path database) {
        Path template = home == null ? null : Path.of(home).resolve(IN_HOME);
        if (template == null || !Files.isRegularFile(template) || Files.exists(database)) {
            return false;
        }
        try {
            Files.createDirectories(database.getParent());
            Files.copy(template, database);
            LOG.log(Level.INFO, "New embedded database made from the product''s schema template ({0} KB)",
                    Files.size(database) >> 10);
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The schema template could not be copied; the schema is made by the changelogs: "
                    + e);
            try {
                Files.deleteIfExists(database);
            } catch (IOException left) {
                // H2 then refuses the partial file, and the store names it
            }
            return false;
        }
    }

    /** @return the default database's file, for a data folder */
    static Path defaultFile(Path dataDir) {
        return dataDir.resolve("db").resolve("switchboard.mv.db");
    }
}
