package io.switchboard.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A database the previous version wrote (its changelog, kept as a test resource, and rows as it
 * wrote them: a user, a registration, a trunk, a number, a route) migrates to this version's
 * changelog without loss: the changesets keep their ids and logical file path, so only the new
 * ones apply, and everything is found again through this version's store.
 */
class SipMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseOfThePreviousVersionMigratesWithoutLoss() throws Exception {
        DataSource ds = h2();
        migrate(ds, "db/previous/io.switchboard.sip.core.changelog.xml");
        String md5 = Digest.ha1(Digest.Algorithm.MD5, "alice", "switchboard", "alice-password-1");
        String sha = Digest.ha1(Digest.Algorithm.SHA_256, "alice", "switchboard", "alice-password-1");
        Instant expires = Instant.now().plusSeconds(3600);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sb_sip_user (username, display_name, realm, ha1_md5, ha1_sha256, enabled, created) "
                    + "VALUES ('alice', 'Alice', 'switchboard', '" + md5 + "', '" + sha + "', TRUE, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO sb_sip_registration (username, contact, expires_at, q, call_id, cseq, source, "
                    + "user_agent, registered) VALUES ('alice', 'sip:alice@192.0.2.7:5060', TIMESTAMP WITH TIME ZONE '"
                    + expires + "', NULL, 'reg-1', 3, 'udp:192.0.2.7:5060', 'Phone/1.0', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO sb_sip_trunk (name, host, port, transport, auth_user, auth_secret, register, "
                    + "register_expires, addresses, caller_id, pai, codecs, max_channels, probe, enabled) VALUES "
                    + "('carrier', 'sip.carrier.example', 5060, 'udp', NULL, NULL, FALSE, 600, '203.0.113.5', NULL, "
                    + "TRUE, 'PCMA,PCMU', 30, TRUE, TRUE)");
            s.execute("INSERT INTO sb_sip_number (number, destination, description, emergency_address, tags) VALUES "
                    + "('+442071110001', 'alice', 'Alice direct', '1 Main St, London', 'sales,uk')");
            s.execute("INSERT INTO sb_sip_route (name, priority, pattern, strip, prepend, days, time_from, time_to, "
                    + "time_zone, trunks, enabled) VALUES ('uk', 10, '+44.', 0, NULL, NULL, NULL, NULL, NULL, "
                    + "'carrier', TRUE)");
        }

        migrate(ds, SipStore.CHANGELOG);
        SipStore store = new SipStore(ds);
        SipStore.User alice = store.user("alice").orElseThrow();
        assertEquals("Alice", alice.displayName());
        assertNull(alice.algorithms(), "the server's setting until the admin gives her one");
        assertEquals(md5, store.ha1("alice", "switchboard", Digest.Algorithm.MD5).orElseThrow(), "her password works");
        List<SipStore.Binding> bindings = store.bindings("alice", Instant.now());
        assertEquals(1, bindings.size());
        assertEquals("sip:alice@192.0.2.7:5060", bindings.get(0).contact());

        Provisioning provisioning = new Provisioning(ds, new Secrets(dir.resolve("keys/secrets.key")));
        Provisioning.Trunk trunk = provisioning.trunk("carrier").orElseThrow();
        assertEquals(List.of("203.0.113.5"), trunk.addresses());
        assertEquals(30, trunk.maxChannels());
        assertTrue(trunk.pai());
        Provisioning.Did number = provisioning.number("+442071110001").orElseThrow();
        assertEquals("1 Main St, London", number.emergencyAddress());
        assertEquals(List.of("sales", "uk"), number.tags());
        assertEquals(List.of("carrier"), provisioning.route("uk").orElseThrow().trunks());

        // the new tables are there, and empty
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM sb_sip_call_journal")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    private DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("sip") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @AfterEach
    void closeDatabase() throws Exception {
        try (Connection c = h2().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static void migrate(DataSource ds, String changelog) throws Exception {
        try (Connection c = ds.getConnection()) {
            new Liquibase(changelog, new ClassLoaderResourceAccessor(SipMigrationTest.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update("");
        }
    }
}
