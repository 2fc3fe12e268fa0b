package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.TrunkChoice;

/**
 * The console's typed client of the softswitch's resources, in the console's own runtime, against a
 * real server process: every kind of provisioning made, read back as {@code sip.api} records, refused
 * with the field named, and the simulator's decision typed.
 */
class SipClientTest {

    private static final String PASSWORD = "sip-client-test-secret";
    private static final String CARRIER_SECRET = "carrier-secret-42";

    private TestServer server;
    private SipClient sip;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(PASSWORD);
        sip = new SipClient(new ManagementClient(server.url(), "admin", PASSWORD));
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void provisioningRoundTripsAsApiRecords() throws Exception {
        SipUser alice = sip.saveUser(new SipUser("alice", "Alice", true, null, List.of("SHA-256", "MD5")),
                "alice-password-1");
        assertEquals(List.of("SHA-256", "MD5"), alice.algorithms());
        assertEquals("Alice", sip.users().get(0).displayName());
        sip.saveUser(new SipUser("alice", "Alice Smith", true, null, null), null);
        assertEquals("Alice Smith", sip.users().get(0).displayName(), "changed without a new password");
        assertNull(sip.users().get(0).algorithms(), "back to the server's setting");
        // the switch's country is +1: alice's calls to +44 are international, which users may not by default
        sip.saveUser(new SipUser("alice", "Alice Smith", true, null, null), null,
                new CallingPolicy(CallClass.INTERNATIONAL, null, null));
        // two admins' forms made from one version of alice: the second save is refused, the first stays
        SipClient.UserView shown = sip.userViews().get(0);
        assertEquals(3, shown.version(), "created, then two changes (a user and its policy in one): " + shown);
        SipClient.UserView first = sip.saveUser(new SipUser("alice", "Alice S.", true, null, null, shown.version()),
                null, shown.own());
        assertEquals(4, first.version());
        ManagementException staleUser = assertThrows(ManagementException.class, () -> sip.saveUser(shown.user(),
                null, new CallingPolicy(CallClass.NATIONAL, 1, null, null)), "a form made from the version before");
        assertEquals(412, staleUser.status(), staleUser.serverMessage());
        assertEquals("Alice S.", sip.users().get(0).displayName(), "the first stays");
        assertEquals(CallClass.INTERNATIONAL, sip.userViews().get(0).callClass(), "the second is not written");

        Trunk carrier = new Trunk("carrier-a", "sip.carrier-a.example", 5060, "udp", "acct", false, false, 600,
                List.of("203.0.113.5"), null, false, List.of("PCMA"), 30, false, true);
        assertTrue(sip.saveTrunk(carrier, CARRIER_SECRET).hasSecret(), "the password is set, never shown");
        SipClient.TrunkView view = sip.trunks().get(0);
        assertEquals(carrier.addresses(), view.trunk().addresses());
        Trunk read = view.trunk();
        Trunk theirs = sip.saveTrunk(withCallerId(read, "+442071110000"), null);
        assertEquals(read.version() + 1, theirs.version(), "each change raises the version");
        ManagementException stale = assertThrows(ManagementException.class, () -> sip.saveTrunk(withCallerId(read,
                "+442071119999"), null), "a form made from the version before theirs");
        assertEquals(412, stale.status(), stale.serverMessage());
        assertEquals("+442071110000", sip.trunks().get(0).trunk().callerId(), "theirs stays");
        assertEquals(30, view.state().maxChannels());
        assertEquals("carrier-a", view.state().trunk());
        ManagementException bad = assertThrows(ManagementException.class, () -> sip.saveTrunk(new Trunk("bad",
                "h", 0, "udp", null, false, false, 600, List.of(), null, false, List.of(), 0, false, true), null));
        assertEquals(400, bad.status());
        assertEquals("port", bad.field(), "a form shows the error next to the port: " + bad.serverMessage());

        sip.saveNumber(new PhoneNumber("+442071110001", "alice", "Alice direct", "1 Main St, London",
                List.of("uk")));
        SipClient.ImportReport report = sip.importNumbers("number,destination,description,emergencyAddress,tags\n"
                + "+442071110002,alice,Second,,uk\nnot-a-number,alice,,,\n+442071110003,nobody,,,\n");
        assertEquals(1, report.saved());
        assertEquals(List.of(3L, 4L), report.errors().stream().map(SipClient.LineError::line).toList(),
                "each bad line by its number");
        assertEquals(List.of("+442071110001", "+442071110002"),
                sip.numbers().stream().map(PhoneNumber::number).toList());
        assertTrue(sip.exportNumbers().contains("+442071110001,alice,Alice direct"), sip.exportNumbers());

        sip.saveRoute(new Route("uk", 10, "+44.", 0, null, null, null, null, null, List.of("carrier-a"), true));
        ManagementException pattern = assertThrows(ManagementException.class, () -> sip.saveRoute(new Route("x", 10,
                "00A", 0, null, null, null, null, null, List.of("carrier-a"), true)));
        assertEquals("pattern", pattern.field(), pattern.getMessage());

        SipClient.Simulation sim = sip.simulate("alice", "+442079461234", Instant.parse("2026-11-24T12:00:00Z"));
        assertEquals(RouteDecision.Outcome.TRUNKS, sim.outcome());
        assertEquals("uk", sim.route());
        assertEquals(List.of(new TrunkChoice("carrier-a", true, "usable")), sim.trunks());
        assertTrue(sim.why().contains("caller alice is an enabled user"), sim.why().toString());
        assertEquals("refused: 403", sip.simulate("mallory", "+442079461234", null).result());

        // Every change of the route table is a version: compared, replayed and rolled back through the API.
        sip.saveRoute(new Route("uk", 10, "+4420.", 0, null, null, null, null, null, List.of("carrier-a"), true));
        List<RouteVersion> versions = sip.routeVersions();
        assertEquals(List.of(3, 2, 1), versions.stream().map(RouteVersion::version).toList());
        assertEquals("admin", versions.get(0).author());
        assertEquals("changed route uk", versions.get(0).change());
        RouteDiff diff = sip.routeDiff(2, 3);
        assertEquals(List.of("pattern"), diff.changes().get(0).fields());
        assertEquals("+44.", diff.changes().get(0).before().pattern());
        SipClient.Comparison replay = sip.compareRoutes(2, 3, "alice", List.of("+442079461234", "+441611234567"));
        assertEquals(1, replay.differ());
        assertTrue(replay.results().get(0).same());
        assertEquals("no route", replay.results().get(1).to().result());
        assertEquals("uk", replay.results().get(1).from().route());
        assertEquals("rolled back to version 2", sip.rollbackRoutes(2).change());
        assertEquals("+44.", sip.routes().get(0).pattern());
        assertEquals(sip.routesAt(2), sip.routes());
        ManagementException noVersion = assertThrows(ManagementException.class, () -> sip.routeDiff(1, 99));
        assertEquals(400, noVersion.status());

        assertEquals(List.of(), sip.calls());
        assertEquals(List.of(), sip.registrations());
        assertFalse(sip.hangUp("no-such-call"));
        assertTrue(sip.deleteRoute("uk"));
        // a number in service leaves the inventory only through quarantine and release
        ManagementException inService = assertThrows(ManagementException.class, () -> sip.deleteNumber("+442071110002"));
        assertEquals(409, inService.status());
        PhoneNumber two = sip.numbers().stream().filter(n -> n.number().equals("+442071110002")).findFirst()
                .orElseThrow();
        PhoneNumber held = sip.saveNumber(lifecycle(two, new NumberLifecycle(NumberState.QUARANTINED, "carrier-a",
                new BigDecimal("1.25"), null, LocalDate.parse("2027-03-01"))));
        assertEquals(new NumberLifecycle(NumberState.QUARANTINED, "carrier-a", new BigDecimal("1.25"), null,
                LocalDate.parse("2027-03-01")), held.lifecycle(), "the lifecycle round-trips");
        assertEquals(NumberState.RELEASED, sip.saveNumber(lifecycle(held, new NumberLifecycle(NumberState.RELEASED,
                "carrier-a", null, null, null))).lifecycle().state());
        assertTrue(sip.deleteNumber("+442071110002"));
        assertTrue(sip.deleteTrunk("carrier-a"));
        assertTrue(sip.deleteUser("alice"));
        assertFalse(sip.deleteUser("alice"), "gone");
        assertFalse(server.output().contains(CARRIER_SECRET), "no trunk password in the server's log");
    }

    private static PhoneNumber lifecycle(PhoneNumber n, NumberLifecycle l) {
        return new PhoneNumber(n.number(), n.destination(), n.description(), n.emergencyAddress(), n.tags(),
                n.schedule(), n.closedDestination(), l);
    }

    private static Trunk withCallerId(Trunk t, String callerId) {
        return new Trunk(t.name(), t.host(), t.port(), t.transport(), t.authUser(), t.hasSecret(), t.register(),
                t.registerExpires(), t.addresses(), callerId, t.pai(), t.codecs(), t.maxChannels(), t.probe(),
                t.enabled(), t.tlsPin(), t.mediaEncryption(), t.version());
    }
}
