package io.switchboard.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a changelog's text was when Liquibase last applied all of it, and how many of its changesets the
 * database then held. A start on an up-to-date database reads one row per changelog instead of letting
 * Liquibase take its lock, inspect the schema and check every changeset (about half of a server's start).
 * A changelog whose text changed, or whose applied changesets are fewer or more than then (a rollback, a
 * restore, another server's newer changelog of the same logical path), goes to Liquibase as before.
 */
final class SchemaDigests {

    static final String TABLE = "SWITCHBOARD_SCHEMA_DIGEST";

    private static final Pattern LOGICAL_PATH = Pattern.compile("logicalFilePath=\"([^\"]+)\"");

    private final String changelog;
    private final String digest;
    private final String logicalPath;

    private SchemaDigests(String changelog, String digest, String logicalPath) {
        this.changelog = changelog;
        this.digest = digest;
        this.logicalPath = logicalPath;
    }

    /** @param text the changelog's bytes, as Liquibase would read them */
    static SchemaDigests of(String changelog, byte[] text) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
            // Liquibase records a changeset under its changelog's logical path when it has one
            Matcher logical = LOGICAL_PATH.matcher(new String(text, StandardCharsets.UTF_8));
            return new SchemaDigests(changelog, digest, logical.find() ? logical.group(1) : changelog);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * @return whether the database has the digests' table: a first start's does not, and each look for
     *         a row in it would be an error that H2 writes to its trace file with its stack
     */
    static boolean kept(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + TABLE).close();
            return true;
        } catch (SQLException notYetMade) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        }
    }

    /** @return true when this very text was applied in full and its changesets are all still recorded */
    boolean upToDate(Connection connection) throws SQLException {
        try (PreparedStatement recorded = connection.prepareStatement(
                "SELECT APPLIED FROM " + TABLE + " WHERE CHANGELOG = ? AND DIGEST = ?")) {
            recorded.setString(1, changelog);
            recorded.setString(2, digest);
            try (ResultSet rs = recorded.executeQuery()) {
                return rs.next() && rs.getInt(1) == applied(connection);
            }
        } catch (SQLException notYetMade) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        }
    }

    /** Notes that Liquibase has just applied this text in full. */
    void record(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (CHANGELOG VARCHAR(255) NOT NULL,"
                    + " DIGEST VARCHAR(64) NOT NULL, APPLIED INT NOT NULL, PRIMARY KEY (CHANGELOG, DIGEST))");
        }
        int applied = applied(connection);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE CHANGELOG = ? AND DIGEST = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (CHANGELOG, DIGEST, APPLIED) VALUES (?, ?, ?)")) {
            delete.setString(1, changelog);
            delete.setString(2, digest);
            delete.executeUpdate();
            insert.setString(1, changelog);
            insert.setString(2, digest);
            insert.setInt(3, applied);
            insert.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private int applied(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM DATABASECHANGELOG WHERE FILENAME = ?")) {
            count.setString(1, logicalPath);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
