package io.switchboard.sip.provisioning.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.store.api.StaleVersionException;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The provisioning services on an H2 file: what they keep, what they refuse, what they tell. */
class ProvisioningServicesTest {

    @TempDir
    Path dir;
    private ProvisioningDatabase db;
    private final List<Event> events = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("sip") + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection()) {
            new Liquibase(ProvisioningDatabase.CHANGELOG, new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c))).update("");
        }
        db = new ProvisioningDatabase(h2, new Secrets(dir.resolve("keys/secrets.key")), "switchboard");
        db.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void usersKeepHashesOnlyAndChangesShowAtOnce() throws Exception {
        JdbcUserService users = new JdbcUserService(db);
        users.save(new SipUser("alice", "Alice", true, null, null), "alice-password-1");
        assertEquals(JdbcUserService.ha1("MD5", "alice", "switchboard", "alice-password-1"),
                users.digest("alice").orElseThrow().ha1Md5());
        assertFalse(users.digest("alice").toString().contains(users.digest("alice").orElseThrow().ha1Md5()),
                "the hashes never in a log line");
        users.save(new SipUser("alice", "Alice", false, null, List.of("sha-256", "MD5")), null);
        assertTrue(users.digest("alice").isEmpty(), "disabled: no credentials, without waiting for the cache");
        assertEquals(List.of("SHA-256", "MD5"), users.user("alice").orElseThrow().algorithms());
        assertEquals("Invalid digest algorithm 'SHA-1' of SIP user 'alice': SHA-256 or MD5",
                assertThrows(IllegalArgumentException.class, () -> users.save(new SipUser("alice", null, true, null,
                        List.of("SHA-1")), null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> users.save(new SipUser("bob", null, true, null, null),
                "short"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT * FROM sb_sip_user")) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertFalse(String.valueOf(rs.getObject(i)).contains("alice-password-1"), "no password stored");
            }
        }
        assertEquals(CallingPolicy.DEFAULTS, users.policy("alice").orElseThrow(), "a new user takes the defaults");
        users.savePolicy("alice", new CallingPolicy(CallClass.INTERNATIONAL, 2, null, MediaEncryption.REQUIRED));
        assertEquals(new CallingPolicy(CallClass.INTERNATIONAL, 2, null, MediaEncryption.REQUIRED),
                users.policy("alice").orElseThrow(),
                "shown at once, whatever the cache held");
        assertThrows(IllegalArgumentException.class, () -> users.savePolicy("nobody", CallingPolicy.DEFAULTS));
        assertTrue(users.policy("nobody").isEmpty());
        assertTrue(users.delete("alice"));
        assertEquals(List.of("USER/CREATED", "USER/CHANGED", "USER/CHANGED", "USER/DELETED"), topics());
    }

    @Test
    void trunkPasswordsAreStoredEncryptedAndKeptWhenNotGiven() throws Exception {
        JdbcTrunkService trunks = new JdbcTrunkService(db);
        JdbcUserService credentials = new JdbcUserService(db);
        Trunk t = new Trunk("carrier", "sip.example.net", 5060, "udp", "acct", false, true, 600, List.of(), null,
                false, List.of(), 0, true, true);
        assertTrue(trunks.save(t, "carrier-secret").hasSecret());
        assertEquals("carrier-secret", credentials.trunkPassword("carrier").orElseThrow());
        trunks.save(new Trunk("carrier", "sip.example.net", 5060, "udp", "acct", false, true, 900, List.of(), null,
                false, List.of(), 0, true, true), null);
        assertEquals("carrier-secret", credentials.trunkPassword("carrier").orElseThrow(), "kept");
        assertEquals(900, trunks.trunk("carrier").orElseThrow().registerExpires(), "the change shows at once");
        assertEquals("Invalid password: changing host, authUser of trunk 'carrier' needs its password again (the "
                + "stored one was given for sip.example.net:5060)", assertThrows(IllegalArgumentException.class,
                        () -> trunks.save(new Trunk("carrier", "evil.example.org", 5060, "udp", "other", false, true,
                                600, List.of(), null, false, List.of(), 0, true, true), null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> trunks.save(new Trunk("carrier", "sip.example.net", 5080,
                "tcp", "acct", false, true, 600, List.of(), null, false, List.of(), 0, true, true), null),
                "nor may its port or transport move");
        trunks.save(new Trunk("carrier", "sip2.example.net", 5060, "udp", "acct", false, true, 600, List.of(), null,
                false, List.of(), 0, true, true), "carrier-secret-2");
        assertEquals("sip2.example.net", trunks.trunk("carrier").orElseThrow().host(), "with the password it moves");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT auth_secret FROM sb_sip_trunk")) {
            rs.next();
            assertFalse(rs.getString(1).contains("carrier-secret"));
        }
        assertEquals("Invalid transport 'sctp': udp, tcp or tls", assertThrows(IllegalArgumentException.class,
                () -> trunks.save(new Trunk("x", "h", 5060, "sctp", null, false, false, 600, List.of(), null, false,
                        List.of(), 0, true, true), null)).getMessage());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("keys/secrets.key"))), "the key only for the server");
        }
    }

    @Test
    void aTrunkIsChangedOnlyOverTheVersionTheChangeWasMadeAgainst() {
        JdbcTrunkService trunks = new JdbcTrunkService(db);
        Trunk first = trunks.save(new Trunk("carrier", "sip.example.net", 5060, "udp", "acct", false, true, 600,
                List.of(), null, false, List.of(), 10, false, true), "secret-1", 0);
        assertEquals(1, first.version());
        assertThrows(StaleVersionException.class, () -> trunks.save(first, null, 0), "create only, over one there");
        Trunk theirs = trunks.save(new Trunk("carrier", "sip.example.net", 5060, "udp", "acct", false, true, 900,
                List.of(), null, false, List.of(), 10, false, true), null, 1);
        assertEquals(2, theirs.version());
        StaleVersionException mine = assertThrows(StaleVersionException.class, () -> trunks.save(new Trunk("carrier",
                "sip.example.net", 5060, "udp", "acct", false, true, 600, List.of(), "+442079460000", false,
                List.of(), 10, false, true), null, 1));
        assertEquals(2, mine.stored(), mine.getMessage());
        assertEquals(900, trunks.trunk("carrier").orElseThrow().registerExpires(), "theirs stays");
        assertEquals(null, trunks.trunk("carrier").orElseThrow().callerId(), "mine is not written");
        assertTrue(trunks.trunk("carrier").orElseThrow().hasSecret(), "the password stays with the changes");
        assertEquals(3, trunks.save(theirs, null, -1).version(), "a change made against whatever is stored");
        assertTrue(trunks.delete("carrier"));
        StaleVersionException gone = assertThrows(StaleVersionException.class, () -> trunks.save(theirs, null, 3));
        assertEquals(0, gone.stored(), "deleted meanwhile: not made again");
        assertTrue(trunks.trunk("carrier").isEmpty());
    }

    @Test
    void aUserIsChangedOnlyOverTheVersionTheChangeWasMadeAgainst() {
        JdbcUserService users = new JdbcUserService(db);
        SipUser first = users.save(new SipUser("alice", "Alice", true, null, null), "alice-password-1",
                new CallingPolicy(CallClass.NATIONAL, 2, null, null), 0);
        assertEquals(1, first.version());
        assertEquals(CallClass.NATIONAL, users.policy("alice").orElseThrow().callClass(), "written with the user");
        assertThrows(StaleVersionException.class, () -> users.save(first, "alice-password-2", null, 0),
                "create only, over one there");
        users.savePolicy("alice", new CallingPolicy(CallClass.INTERNAL, 2, null, null));
        SipUser theirs = users.user("alice").orElseThrow();
        assertEquals(2, theirs.version(), "a change of what she may call is a change of the user");
        StaleVersionException mine = assertThrows(StaleVersionException.class, () -> users.save(new SipUser("alice",
                "Alice Smith", true, null, null), "alice-password-3", new CallingPolicy(CallClass.PREMIUM, 9, null,
                        null), 1));
        assertEquals(2, mine.stored(), mine.getMessage());
        assertEquals("Alice", users.user("alice").orElseThrow().displayName(), "mine is not written");
        assertEquals(CallClass.INTERNAL, users.policy("alice").orElseThrow().callClass(), "theirs stays");
        assertEquals(JdbcUserService.ha1("MD5", "alice", "switchboard", "alice-password-1"),
                users.digest("alice").orElseThrow().ha1Md5(), "nor is my password");
        SipUser renamed = users.save(new SipUser("alice", "Alice Smith", true, null, null), null, null, 2);
        assertEquals(3, renamed.version());
        assertEquals(CallClass.INTERNAL, users.policy("alice").orElseThrow().callClass(),
                "a change without a policy keeps the stored one");
        assertEquals(4, users.save(renamed, null, null, -1).version(), "a change made against whatever is stored");
        assertTrue(users.delete("alice"));
        StaleVersionException gone = assertThrows(StaleVersionException.class, () -> users.save(renamed,
                "alice-password-4", null, 4));
        assertEquals(0, gone.stored(), "deleted meanwhile: not made again");
        assertTrue(users.user("alice").isEmpty());
    }

    @Test
    void aTlsTrunkKeepsItsPinnedCertificateAndMediaPolicy() {
        JdbcTrunkService trunks = new JdbcTrunkService(db);
        String pin = "ab".repeat(32);
        Trunk saved = trunks.save(new Trunk("secure", "sip.example.net", 5061, "tls", null, false, false, 600,
                List.of(), null, false, List.of(), 0, true, true, pin, MediaEncryption.REQUIRED), null);
        assertEquals(String.join(":", Collections.nCopies(32, "AB")), saved.tlsPin(), "as the log spells it");
        assertEquals(MediaEncryption.REQUIRED, saved.mediaEncryption());
        assertEquals(null, trunks.save(new Trunk("secure", "sip.example.net", 5061, "tls", null, false, false, 600,
                List.of(), null, false, List.of(), 0, true, true, null, MediaEncryption.OPTIONAL), null).tlsPin(),
                "a trunk without a password changed: its pin taken off");
        assertEquals(MediaEncryption.OPTIONAL, trunks.save(new Trunk("plain", "h", 5060, "udp", null, false, false,
                600, List.of(), null, false, List.of(), 0, true, true), null).mediaEncryption(), "the default");
        assertEquals("Invalid tlsPin 'abc': the certificate's SHA-256 fingerprint, 64 hex digits, colons allowed",
                assertThrows(IllegalArgumentException.class, () -> trunks.save(new Trunk("x", "h", 5061, "tls", null,
                        false, false, 600, List.of(), null, false, List.of(), 0, true, true, "abc",
                        MediaEncryption.OPTIONAL), null)).getMessage());
        assertEquals("Invalid mediaEncryption 'REQUIRED': required needs transport tls: SRTP keys travel in the SDP",
                assertThrows(IllegalArgumentException.class, () -> trunks.save(new Trunk("x", "h", 5060, "udp", null,
                        false, false, 600, List.of(), null, false, List.of(), 0, true, true, null,
                        MediaEncryption.REQUIRED), null)).getMessage());
    }

    @Test
    void routesAreCheckedByRoutingAndNeedTheirTrunks() {
        JdbcTrunkService trunks = new JdbcTrunkService(db);
        trunks.save(new Trunk("carrier", "sip.example.net", 5060, "udp", null, false, false, 600, List.of(), null,
                false, List.of(), 0, true, true), null);
        JdbcRouteService routes = new JdbcRouteService(db, trunks, r -> {
            if (r.pattern().contains("A")) {
                throw new IllegalArgumentException("Invalid pattern '" + r.pattern() + "'");
            }
        });
        assertEquals("Invalid pattern '00A'", assertThrows(IllegalArgumentException.class,
                () -> routes.save(route("uk", "00A", List.of("carrier")))).getMessage());
        assertEquals("Invalid trunks 'nope': an existing trunk", assertThrows(IllegalArgumentException.class,
                () -> routes.save(route("uk", "+44.", List.of("nope")))).getMessage());
        routes.save(route("uk", "+44.", List.of("carrier")));
        assertEquals(List.of("uk"), routes.routes().stream().map(Route::name).toList());
        assertEquals(List.of("TRUNK/CREATED", "ROUTE/CREATED"), topics());
    }

    @Test
    void everyChangeOfTheRouteTableIsAVersionThatCanBeComparedAndPutBack() {
        JdbcTrunkService trunks = new JdbcTrunkService(db);
        for (String name : List.of("carrier", "backup")) {
            trunks.save(new Trunk(name, "sip.example.net", 5060, "udp", null, false, false, 600, List.of(), null,
                    false, List.of(), 0, true, true), null);
        }
        JdbcRouteService routes = new JdbcRouteService(db, trunks, r -> {
        });
        assertEquals("the route table when versioning began", routes.versions().get(0).change());
        routes.save(route("uk", "+44.", List.of("carrier")), "alice");
        routes.save(route("uk", "+44.", List.of("backup", "carrier")), "bob");
        routes.delete("uk", "alice");
        assertEquals(List.of("4 alice deleted route uk 0", "3 bob changed route uk 1", "2 alice added route uk 1",
                "1 system the route table when versioning began 0"), routes.versions().stream()
                        .map(v -> v.version() + " " + v.author() + " " + v.change() + " " + v.routes()).toList());

        RouteDiff changed = routes.diff(2, 3);
        assertEquals(1, changed.changes().size());
        assertEquals(RouteDiff.Kind.CHANGED, changed.changes().get(0).kind());
        assertEquals(List.of("trunks"), changed.changes().get(0).fields());
        assertEquals(List.of("carrier"), changed.changes().get(0).before().trunks());
        assertEquals(RouteDiff.Kind.REMOVED, routes.diff(3, 4).changes().get(0).kind());
        assertEquals("Invalid version '9': no such version of the route table",
                assertThrows(IllegalArgumentException.class, () -> routes.diff(1, 9)).getMessage());

        RouteVersion back = routes.rollback(3, "carol");
        assertEquals(5, back.version());
        assertEquals("rolled back to version 3", back.change());
        assertEquals(routes.routesAt(3).orElseThrow(), routes.routes());
        assertTrue(routes.diff(3, 5).changes().isEmpty(), "the table is as it was in version 3");

        routes.delete("uk", null);
        trunks.delete("backup");
        String refused = assertThrows(IllegalArgumentException.class, () -> routes.rollback(3, "carol")).getMessage();
        assertTrue(refused.startsWith("Invalid version '3': its route uk uses trunk backup"), refused);
        assertTrue(routes.routes().isEmpty(), "a refused rollback changes nothing");
        assertEquals(6, routes.versions().get(0).version());
    }

    @Test
    void aBadNumberIsNamedAndNothingOfItsBatchIsSaved() {
        JdbcNumberService numbers = new JdbcNumberService(db);
        PhoneNumber good = new PhoneNumber("+442071110001", "alice", null, null, List.of());
        PhoneNumber bad = new PhoneNumber("02071110002", "alice", null, null, List.of());
        assertEquals("number '02071110002' is not E.164 (+ and 7 to 15 digits)", assertThrows(
                IllegalArgumentException.class, () -> numbers.save(List.of(good, bad))).getMessage());
        assertTrue(numbers.numbers().isEmpty());
        numbers.save(List.of(good));
        assertEquals("+442071110001", numbers.numberOf("alice").orElseThrow());
        assertEquals(Map.of(ProvisioningEvents.KIND, "NUMBER", ProvisioningEvents.CHANGE, "CREATED",
                ProvisioningEvents.NAME, "+442071110001"), properties(events.get(0)));
    }

    @Test
    void aNumberIsChangedOnlyOverTheVersionTheChangeWasMadeAgainst() {
        JdbcNumberService numbers = new JdbcNumberService(db);
        PhoneNumber first = numbers.save(new PhoneNumber("+442071110001", "alice", "Sales", null, List.of()), 0);
        assertEquals(1, first.version());
        assertThrows(StaleVersionException.class, () -> numbers.save(first, 0), "create only, over one there");
        numbers.save(List.of(new PhoneNumber("+442071110001", "bob", "Sales", null, List.of())));
        assertEquals(2, numbers.number("+442071110001").orElseThrow().version(), "an import raises it too");
        StaleVersionException mine = assertThrows(StaleVersionException.class, () -> numbers.save(
                new PhoneNumber("+442071110001", "alice", "Support", null, List.of()), 1));
        assertEquals(2, mine.stored(), mine.getMessage());
        assertEquals("bob", numbers.number("+442071110001").orElseThrow().destination(), "theirs stays");
        assertEquals("Sales", numbers.number("+442071110001").orElseThrow().description(), "mine is not written");
        assertEquals(3, numbers.save(first, -1).version(), "a change made against whatever is stored");
        assertThrows(IllegalArgumentException.class, () -> numbers.save(new PhoneNumber("+4420", "alice", null, null,
                List.of()), 3), "a bad number is refused before its version is looked at");
    }

    @Test
    void aNumberIsReadOnceInAWhileAndItsChangesHereShowAtOnce() throws Exception {
        JdbcNumberService numbers = new JdbcNumberService(db);
        assertTrue(numbers.number("+442071110001").isEmpty());
        numbers.save(List.of(new PhoneNumber("+442071110001", "alice", null, null, List.of())));
        assertEquals("alice", numbers.number("+442071110001").orElseThrow().destination(),
                "a number saved here is found at once, though it was read as missing just before");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // another server of the same database changes it: seen here once the cached read is old
            s.executeUpdate("UPDATE sb_sip_number SET destination = 'bob' WHERE number = '+442071110001'");
        }
        assertEquals("alice", numbers.number("+442071110001").orElseThrow().destination(), "read from the cache");
        numbers.save(List.of(new PhoneNumber("+442071110001", "carol", null, null, List.of())));
        assertEquals("carol", numbers.number("+442071110001").orElseThrow().destination(), "a change here: at once");
        numbers.save(List.of(new PhoneNumber("+442071110002", null, null, null, List.of(), null, null,
                new NumberLifecycle(
                        NumberState.RESERVED, null, null, null, null))));
        assertTrue(numbers.number("+442071110002").isPresent());
        assertTrue(numbers.delete("+442071110002"));
        assertTrue(numbers.number("+442071110002").isEmpty(), "deleted here: gone at once");
    }

    @Test
    void aUserIsReadOnceInAWhileAndItsChangesHereShowAtOnce() throws Exception {
        JdbcUserService users = new JdbcUserService(db);
        assertTrue(users.user("dave").isEmpty());
        users.save(new SipUser("dave", "Dave", true, null, null), "dave-password-1");
        assertEquals("Dave", users.user("dave").orElseThrow().displayName(), "created here: found at once");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sb_sip_user SET display_name = 'Elsewhere' WHERE username = 'dave'");
        }
        assertEquals("Dave", users.user("dave").orElseThrow().displayName(), "read from the cache");
        users.save(new SipUser("dave", "David", true, null, null), null);
        assertEquals("David", users.user("dave").orElseThrow().displayName(), "changed here: at once");
        assertTrue(users.delete("dave"));
        assertTrue(users.user("dave").isEmpty(), "deleted here: gone at once");
    }

    private List<String> topics() {
        return events.stream().map(e -> e.getTopic().substring(ProvisioningEvents.TOPIC_PREFIX.length())).toList();
    }

    private static Map<String, Object> properties(Event e) {
        Map<String, Object> out = new HashMap<>();
        for (String name : e.getPropertyNames()) {
            if (!name.equals("event.topics")) {
                out.put(name, e.getProperty(name));
            }
        }
        return out;
    }

    private static Route route(String name, String pattern, List<String> trunks) {
        return new Route(name, 10, pattern, 0, null, null, null, null, null, trunks, true);
    }

}
