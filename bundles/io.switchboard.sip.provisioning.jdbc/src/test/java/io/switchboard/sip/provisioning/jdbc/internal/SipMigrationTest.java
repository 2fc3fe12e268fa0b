package io.switchboard.sip.provisioning.jdbc.internal;

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

import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * A database the previous version wrote (sip.core's changelog before the provisioning tables moved
 * here, kept as a test resource, and rows as it wrote them: a user, a registration, a trunk, a number,
 * a route) migrates to this version's two changelogs, this bundle's and sip.core's, without loss: the
 * changesets keep their ids and logical file path, so none runs again, and everything is found again
 * through this version's services.
 */
class SipMigrationTest {

    /** sip.core's own changelog (bindings, call journal), read from its sources: the two go together. */
    private static final String SIP_CORE_CHANGELOG = "db/io.switchboard.sip.core.changelog.xml";
    /** The subscriptions' changelog, which took sip.core's changesets 12 and 13 with their ids. */
    private static final String SUBSCRIPTION_CHANGELOG = "db/io.switchboard.subscription.sip.changelog.xml";

    @TempDir
    Path dir;

    @Test
    void aDatabaseOfThePreviousVersionMigratesWithoutLoss() throws Exception {
        DataSource ds = h2();
        migrate(ds, "db/previous/io.switchboard.sip.core.changelog.xml");
        String md5 = JdbcUserService.ha1("MD5", "alice", "switchboard", "alice-password-1");
        String sha = JdbcUserService.ha1("SHA-256", "alice", "switchboard", "alice-password-1");
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

        migrate(ds, ProvisioningDatabase.CHANGELOG);
        migrate(ds, SIP_CORE_CHANGELOG);
        migrate(ds, SUBSCRIPTION_CHANGELOG);
        ProvisioningDatabase db = new ProvisioningDatabase(ds, new Secrets(dir.resolve("keys/secrets.key")),
                "switchboard");
        JdbcUserService users = new JdbcUserService(db);
        SipUser alice = users.user("alice").orElseThrow();
        assertEquals("Alice", alice.displayName());
        assertNull(alice.algorithms(), "the server's setting until the admin gives her one");
        assertEquals(1, alice.version(), "a user of before versions is at its first");
        assertEquals(md5, users.digest("alice").orElseThrow().ha1Md5(), "her password works");
        assertEquals(sha, users.digest("alice").orElseThrow().ha1Sha256());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT contact, source FROM sb_sip_registration WHERE username = 'alice'")) {
            assertTrue(rs.next(), "her registration is kept");
            assertEquals("sip:alice@192.0.2.7:5060", rs.getString(1));
            assertEquals("udp:192.0.2.7:5060", rs.getString(2));
        }

        Trunk trunk = new JdbcTrunkService(db).trunk("carrier").orElseThrow();
        assertEquals(List.of("203.0.113.5"), trunk.addresses());
        assertEquals(30, trunk.maxChannels());
        assertTrue(trunk.pai());
        assertEquals(1, trunk.version(), "a trunk of before versions is at its first");
        PhoneNumber number = new JdbcNumberService(db).number("+442071110001").orElseThrow();
        assertEquals("1 Main St, London", number.emergencyAddress());
        assertEquals(1, number.version(), "a number of before versions is at its first");
        assertEquals(List.of("sales", "uk"), number.tags());
        assertNull(number.schedule(), "an old number rings its destination at every hour");
        assertEquals(NumberLifecycle.IN_SERVICE, number.lifecycle(),
                "an old number is in service");
        JdbcRouteService routes = new JdbcRouteService(db, new JdbcTrunkService(db), route -> {
        });
        assertEquals(List.of("carrier"), routes.route("uk").orElseThrow().trunks());
        assertNull(routes.route("uk").orElseThrow().rawDialClass(), "an old route sends E.164 numbers only");
        assertNull(routes.route("uk").orElseThrow().schedule(), "an old route names no schedule");
        // the table a database came with is its first version
        assertEquals(List.of("uk"), routes.routesAt(1).orElseThrow().stream().map(r -> r.name()).toList());

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            rs.next();
            assertEquals(22, rs.getInt(1), "each changeset applied once: 1 to 3 before, 4 to 22 now");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_NAME = 'SB_SIP_LADDER' AND COLUMN_NAME = 'LADDER'")) {
            rs.next();
            assertEquals("BINARY VARYING", rs.getString(1), "on H2 a ladder is kept in its row, not as a large object");
        }
        // the new tables are there, and empty
        for (String table : List.of("sb_sip_call_journal", "sb_sip_ladder", "sb_sip_lockout", "sb_sip_subscription",
                "sb_sip_publication", "sb_sip_secret")) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                assertEquals(0, rs.getInt(1), table);
            }
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
            new Liquibase(changelog, new CompositeResourceAccessor(
                    new ClassLoaderResourceAccessor(SipMigrationTest.class.getClassLoader()),
                    new DirectoryResourceAccessor(Path.of("../io.switchboard.sip.core/src/main/resources")),
                    new DirectoryResourceAccessor(Path.of("../io.switchboard.subscription.sip/src/main/resources"))),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update("");
        }
    }
}
