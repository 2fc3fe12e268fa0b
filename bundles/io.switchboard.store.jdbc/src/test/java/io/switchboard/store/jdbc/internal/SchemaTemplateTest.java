package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import liquibase.resource.ClassLoaderResourceAccessor;

class SchemaTemplateTest {

    private static final String CHANGELOG = "db/test-changelog.xml";

    @TempDir
    Path dir;

    /** The build's template holds the bundles' schema and says so: a start on a copy applies nothing. */
    @Test
    void templateOfTheBundlesChangelogsLeavesNothingToApply() throws Exception {
        Path bundles = Files.createDirectories(dir.resolve("bundle"));
        bundle(bundles.resolve("with-schema.jar"), CHANGELOG);
        bundle(bundles.resolve("without-schema.jar"), null);
        Path home = dir.resolve("home");
        SchemaTemplate.main(new String[] { bundles.toString(), home.resolve(SchemaTemplate.IN_HOME).toString() });

        Path database = SchemaTemplate.defaultFile(dir.resolve("data"));
        assertTrue(SchemaTemplate.copyIfNew(home.toString(), database));
        JdbcDataSource h2 = h2(database);
        try (Connection c = h2.getConnection()) {
            assertEquals(2, count(c, "DATABASECHANGELOG"), "the changelog's two changesets");
            assertEquals(1, count(c, SchemaDigests.TABLE), "its digest");
        }
        assertEquals(0, Migrator.apply(h2, new ClassLoaderResourceAccessor(getClass().getClassLoader()), CHANGELOG),
                "the digest of the same changelog is found: Liquibase is not run");
    }

    /** A database already there is never replaced, and a product without a template copies nothing. */
    @Test
    void anExistingDatabaseOrNoTemplateIsLeftAlone() throws Exception {
        Path home = dir.resolve("home");
        Path template = home.resolve(SchemaTemplate.IN_HOME);
        Files.createDirectories(template.getParent());
        Files.write(template, new byte[] { 1, 2, 3 });
        Path database = SchemaTemplate.defaultFile(dir.resolve("data"));
        Files.createDirectories(database.getParent());
        Files.write(database, new byte[] { 9 });

        assertFalse(SchemaTemplate.copyIfNew(home.toString(), database));
        assertArrayEquals(new byte[] { 9 }, Files.readAllBytes(database), "the admin's data stays");
        assertFalse(SchemaTemplate.copyIfNew(null, dir.resolve("other/db/switchboard.mv.db")));
        assertFalse(SchemaTemplate.copyIfNew(dir.resolve("no-home").toString(), dir.resolve("other/db/x.mv.db")));
        assertFalse(Files.exists(dir.resolve("other")));
    }

    private static int count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static JdbcDataSource h2(Path database) {
        String file = database.toString();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file.substring(0, file.length() - ".mv.db".length()));
        h2.setUser("");
        h2.setPassword("");
        return h2;
    }

    private void bundle(Path jar, String changelog) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (changelog != null) {
            manifest.getMainAttributes().putValue(StartingSchemas.HEADER, changelog);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            if (changelog != null) {
                j.putNextEntry(new JarEntry(changelog));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(changelog)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
    }
}
