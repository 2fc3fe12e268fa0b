package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Postgres;

/**
 * Three switches on one PostgreSQL behind Kamailio, with the shipped edge configuration
 * (docs/deploy/kamailio-edge.cfg), and their call records in one Solr Cloud collection, all on
 * loopback: the switches on 127.0.0.2, .3 and .4, the edge and the SIPp phones on 127.0.0.1.
 * <ul>
 * <li>the three start at once on an empty database and make its schema one at a time: each has
 * its SIP side;</li>
 * <li>bob registers through the edge: his binding, with its Path and his own address as its source,
 * is seen by every switch;</li>
 * <li>alice's calls to bob, spread over the switches by their Call-IDs, all connect, whichever
 * switch took his REGISTER;</li>
 * <li>a trunk's channel limit holds for the switches together;</li>
 * <li>a guesser behind the edge is locked out by its own address (never the edge's), and the
 * lockout one switch decided holds on the others within a second or two;</li>
 * <li>each switch has its name, and lists all with their health, calls and version;</li>
 * <li>a search through any switch finds the records of every switch's calls;</li>
 * <li>one switch killed with SIGKILL during calls: another finds it lost and stores its calls'
 * records, marked interrupted; the calls of before have their records, with the name of the
 * switch that carried them; new calls go through the switch left, bob still reachable;</li>
 * <li>the edge's probes take the killed switch out;</li>
 * <li>the killed switch started again under its name rejoins: listed alive, probed and put back by
 * the edge, and given calls again.</li>
 * </ul>
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class ClusterIT {

    private static final String[] ADMIN = { "admin", "cluster-it-secret" };
    private static final String PASSWORD = "cluster-password-1";
    private static final String UK = "+442079460000";
    private static final Path EDGE_CONFIG = ServerProcess.SERVER_DIR.resolve("../../../../docs/deploy/kamailio-edge.cfg")
            .normalize();

    @TempDir
    Path base;

    @Test
    void twoSwitchesBehindKamailioShareUsersBindingsAndLockoutsAndSurviveALoss() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int edgePort = ServerProcess.freePort();
        try (SolrCloud solr = SolrCloud.start(base.resolve("solr"), 1, 1);
                Postgres pg = Postgres.freshSchema();
                ServerProcess one = node(pg, solr, 1, edgePort);
                ServerProcess two = node(pg, solr, 2, edgePort);
                ServerProcess three = node(pg, solr, 3, edgePort);
                Edge edge = Edge.start(base, edgePort, List.of("127.0.0.2:" + one.sipPort, "127.0.0.3:" + two.sipPort,
                        "127.0.0.4:" + three.sipPort))) {
            List<ServerProcess> all = List.of(one, two, three);
            for (ServerProcess node : all) {
                node.awaitHealthy();
                node.awaitSip(ADMIN);
            }
            for (ServerProcess node : all) {
                awaitProbed(node, edge);
            }
            JsonNode cluster = one.getJson("/cluster/nodes", ADMIN);
            assertEquals("node-1", cluster.path("self").asText(), cluster.toString());
            assertEquals("node-2", two.getJson("/cluster/nodes", ADMIN).path("self").asText());
            assertEquals("node-3", three.getJson("/cluster/nodes", ADMIN).path("self").asText());
            assertEquals(3, cluster.path("nodes").size(), cluster.toString());
            for (JsonNode n : cluster.path("nodes")) {
                assertTrue(n.path("alive").asBoolean() && !n.path("version").asText().isEmpty(), cluster.toString());
            }
            assertEquals(201, one.put("/sip/users/alice", "{\"password\":\"" + PASSWORD + "\",\"callClass\":"
                    + "\"international\"}", ADMIN).statusCode());
            assertEquals(201, one.put("/sip/users/bob", "{\"password\":\"" + PASSWORD + "\"}", ADMIN).statusCode());

            // bob registers through the edge; every switch sees his binding, with the edge's Path
            int bobPort = ServerProcess.freePort();
            Sipp register = Sipp.start(sipp, "sipp-register.xml", edgePort, bobPort, "u1", "-s", "bob", "-au", "bob",
                    "-ap", PASSWORD, "-key", "expires", "3600", "-m", "1");
            assertEquals(0, register.await(60), register.report() + edge.output());
            for (ServerProcess node : all) {
                JsonNode binding = node.getJson("/sip/registrations?user=bob", ADMIN).get(0);
                assertEquals("udp:127.0.0.1:" + bobPort, binding.path("source").asText(),
                        "the phone's own address, which the edge vouched for: " + binding);
                assertTrue(binding.path("path").asText().startsWith("<sip:127.0.0.1:" + edgePort + ";lr"),
                        binding.toString());
            }

            // alice calls bob thirty times; the edge spreads the calls over the switches
            long[] invitesBefore = { invites(one), invites(two), invites(three) };
            calls(sipp, edgePort, bobPort, 30, edge);
            long[] took = { invites(one) - invitesBefore[0], invites(two) - invitesBefore[1],
                    invites(three) - invitesBefore[2] };
            assertTrue(took[0] > 0 && took[1] > 0 && took[2] > 0, "every switch took calls: "
                    + Arrays.toString(took) + " INVITEs");

            // the records of every switch's calls, found through any switch (the Solr Cloud collection)
            PhoneChecks.await("the thirty calls' records found through each switch", () -> {
                long stored = storedRecords(pg);
                return stored >= 30 && total(one) == stored && total(two) == stored && total(three) == stored;
            }, () -> "stored " + storedRecords(pg) + ", found " + total(one) + ", " + total(two) + ", " + total(three));

            // a trunk's two channels are two on the switches together
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, one.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false,\"maxChannels\":2}", ADMIN)
                    .statusCode());
            assertEquals(201, one.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());
            Process carrier = new ProcessBuilder("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p",
                    Integer.toString(carrierPort), "-m", "2", "-nostdin", "-cp", Integer.toString(
                            ServerProcess.freePort())).redirectErrorStream(true)
                    .redirectOutput(sipp.resolve("carrier.out").toFile()).start();
            try {
                Thread.sleep(300);
                Sipp twoCalls = Sipp.start(sipp, "sipp-edge-call.xml", edgePort, ServerProcess.freePort(), "u1", "-s",
                        UK, "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "8000", "-r", "5", "-m",
                        "2", "-auth_uri", UK + "@127.0.0.1:" + edgePort);
                PhoneChecks.await("both calls counted on every switch", () -> channels(one) == 2 && channels(two) == 2
                        && channels(three) == 2,
                        () -> one.getJson("/sip/trunks", ADMIN) + "\n" + two.getJson("/sip/trunks", ADMIN) + "\n"
                                + twoCalls.report() + Files.readString(sipp.resolve("carrier.out")));
                Sipp third = Sipp.start(sipp, "sipp-call-fails.xml", edgePort, ServerProcess.freePort(), "u1", "-s", UK,
                        "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-m", "1");
                assertEquals(0, third.await(30), "a third call is refused, whichever switch takes it: "
                        + third.report());
                assertEquals(0, twoCalls.await(60), twoCalls.report());
            } finally {
                carrier.destroy();
            }

            // a guesser behind the edge: locked out by its own address, on every switch
            try (RawSip guesser = new RawSip(1500, new InetSocketAddress("127.0.0.66", 0))) {
                List<Integer> answers = new ArrayList<>();
                // each switch counts the failures it sees (security.md): spread over three switches, the
                // guesser is locked out by its 28th try at the latest (3 × 9 + 1, lockoutFailures = 10)
                for (int i = 0; i < 35 && lockout(one) == null && lockout(two) == null && lockout(three) == null; i++) {
                    answers.add(guesser.register(edgePort, "mallory", "a-guess-" + i));
                }
                assertTrue(answers.contains(403), "the wrong answers were refused: " + answers);
                assertTrue(answers.stream().filter(a -> a == 403).count() <= 28, "locked out within 3 × (10 - 1) + 1 "
                        + "refused tries: " + answers + "\n" + guardLog(all));
                long decided = System.nanoTime();
                PhoneChecks.await("the lockout on every switch", () -> lockout(one) != null && lockout(two) != null
                        && lockout(three) != null, () -> "answers " + answers + "\n" + guardLog(all));
                double seconds = (System.nanoTime() - decided) / 1e9;
                System.getLogger(ClusterIT.class.getName()).log(System.Logger.Level.INFO, String.format(
                        "ClusterIT: the lockout held on all three switches %.2f s after the first switch listed it", seconds));
                assertTrue(seconds < 5, "within a second or two, not " + seconds);
                assertEquals(null, lockout(one, "source", "127.0.0.1"), "the edge and the phones are never locked out");
            }

            // sixteen long calls up, on the three switches; then switch two dies with its calls
            Sipp bobLong = Sipp.start(sipp, "sipp-edge-answer.xml", edgePort, bobPort, "u1", "-m", "16");
            Thread.sleep(300);
            Sipp aliceLong = Sipp.start(sipp, "sipp-edge-call.xml", edgePort, ServerProcess.freePort(), "u1", "-s",
                    "bob", "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "120000", "-r", "8",
                    "-m", "16", "-auth_uri", "bob@127.0.0.1:" + edgePort);
            PhoneChecks.await("sixteen calls answered", () -> calls(one) + calls(two) + calls(three) == 16,
                    () -> edge.output());
            Thread.sleep(1000); // an answer is journalled before the caller hears it: well within this
            int onTwo = calls(two);
            assertTrue(onTwo > 0, "switch two carries some of the calls");
            two.kill();
            long killed = System.nanoTime();
            aliceLong.kill();
            bobLong.kill();
            // new calls go through the switches left, and bob is still reachable
            long invitesLeft = invites(one) + invites(three);
            calls(sipp, edgePort, bobPort, 6, edge);
            System.getLogger(ClusterIT.class.getName()).log(System.Logger.Level.INFO, String.format(
                    "ClusterIT: 6 calls through the edge, started right after one switch's SIGKILL, all connected "
                    + "within %.1f s", (System.nanoTime() - killed) / 1e9));
            assertTrue(invites(one) + invites(three) - invitesLeft >= 6, "the switches left took them");
            // the edge's probes take the dead switch out: calls hashed to it no longer wait for it
            String down = "Switchboard server sip:127.0.0.3:" + two.sipPort + " down";
            PhoneChecks.await("the edge takes the dead switch out", () -> edge.output().contains(down), edge::output);
            System.getLogger(ClusterIT.class.getName()).log(System.Logger.Level.INFO, String.format(
                    "ClusterIT: the edge took the killed switch out within %.1f s", (System.nanoTime() - killed) / 1e9));

            // a switch left finds the other lost, and stores its calls' records (once, whichever switch)
            long deadline = System.nanoTime() + 40_000_000_000L; // found lost after 10 s of silence, then stored
            while (interrupted(one, "node-2") != onTwo && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertEquals(onTwo, interrupted(one, "node-2"), "interrupted calls of node-2 stored once by the others: "
                    + one.getJson("/cdr/records?q=*&limit=1000", ADMIN) + one.output() + three.output());
            System.getLogger(ClusterIT.class.getName()).log(System.Logger.Level.INFO, String.format(
                    "ClusterIT: the %d calls of the killed switch stored as interrupted by the others %.1f s after the kill",
                    onTwo, (System.nanoTime() - killed) / 1e9));
            JsonNode lost = one.getJson("/cluster/nodes", ADMIN).path("nodes").get(1);
            assertEquals("node-2", lost.path("name").asText());
            assertTrue(!lost.path("alive").asBoolean() && !lost.path("lost").isNull(), lost.toString());
            int ofOne = recordsOf(pg, "node-1");
            int ofTwo = recordsOf(pg, "node-2") - onTwo;
            int ofThree = recordsOf(pg, "node-3");
            assertTrue(ofTwo > 0 && ofOne + ofTwo + ofThree >= 30, "the thirty short calls have their records, each "
                    + "with the switch that carried it: " + ofOne + " of node-1, " + ofTwo + " of node-2, " + ofThree
                    + " of node-3");

            // switch two starts again under its name: it rejoins, and the edge sends it calls again
            try (ServerProcess back = ServerProcess.restart(two, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                    "SWITCHBOARD_NODE", "node-2"))) {
                back.awaitSip(ADMIN);
                PhoneChecks.await("node-2 alive again on node-1's list", () -> alive(one, "node-2"),
                        () -> one.getJson("/cluster/nodes", ADMIN).toString());
                awaitProbed(back, edge);
                PhoneChecks.await("the edge puts the switch back", () -> edge.output().contains(
                        "Switchboard server sip:127.0.0.3:" + two.sipPort + " up again"), edge::output);
                long before = invites(back);
                calls(sipp, edgePort, bobPort, 30, edge);
                assertTrue(invites(back) - before > 0, "the edge sends calls to the switch that came back");
            }
        }
    }

    /** @return how many call records a search through the switch finds */
    private static long total(ServerProcess node) {
        try {
            return node.getJson("/cdr/records?q=*&limit=0", ADMIN).path("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the call records in the shared database */
    private static long storedRecords(Postgres pg) {
        try (Connection c = Postgres.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + pg.schema() + ".sb_cdr")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** @return whether the switch lists the named one alive */
    private static boolean alive(ServerProcess node, String name) {
        try {
            for (JsonNode n : node.getJson("/cluster/nodes", ADMIN).path("nodes")) {
                if (name.equals(n.path("name").asText())) {
                    return n.path("alive").asBoolean() && n.path("lost").isNull();
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** @return the calls on trunk carrier, as the switch counts them: its own and the other's */
    private static int channels(ServerProcess node) {
        try {
            for (JsonNode t : node.getJson("/sip/trunks", ADMIN)) {
                if ("carrier".equals(t.path("trunk").path("name").asText())) {
                    return t.path("live").path("channels").asInt();
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the switch's answered calls */
    private static int calls(ServerProcess node) {
        try {
            int n = 0;
            for (JsonNode c : node.getJson("/sip/calls", ADMIN)) {
                n += "answered".equals(c.path("state").asText()) ? 1 : 0;
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return how many records the switch has of interrupted calls the other switch carried */
    private static int interrupted(ServerProcess node, String carrier) {
        try {
            int n = 0;
            for (JsonNode r : node.getJson("/cdr/records?q=*&limit=1000", ADMIN).path("records")) {
                if (r.path("tags").has("interrupted") && carrier.equals(r.path("tags").path("node").asText())) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the records in the shared database of calls the switch carried (its name in their tags) */
    private static int recordsOf(Postgres pg, String node) throws Exception {
        try (Connection c = Postgres.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM " + pg.schema() + ".sb_cdr WHERE tags LIKE ?")) {
            ps.setString(1, "%\"node\":\"" + node + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Starts switch n (127.0.0.n+1) on the database, behind the edge; the test waits for it. */
    private ServerProcess node(Postgres pg, SolrCloud solr, int n, int edgePort) throws Exception {
        String ip = "127.0.0." + (n + 1);
        Path dir = Files.createDirectories(base.resolve("node-" + n));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.store.jdbc.cfg"), "url = " + pg.url() + "\nuser = "
                + Postgres.USER + "\n");
        for (String transport : new String[] { "udp", "tcp" }) {
            Files.writeString(etc.resolve("io.switchboard.sip.listener-" + transport + ".cfg"), "transport = "
                    + transport + "\naddress = " + ip + "\nport = 0\n");
        }
        Files.writeString(etc.resolve("io.switchboard.media.cfg"), "address = " + ip + "\n");
        Files.writeString(etc.resolve("io.switchboard.cdr.search.solr.cfg"), "urls = " + solr.urls() + "\n");
        // loopback is trusted by default; here nothing on it is: the edge is never limited as one
        // sender because it is an edge, and the phones behind it are judged by their own address
        ServerProcess.sipSettings(dir, "algorithms", "MD5", "edgeProxies", "127.0.0.1:" + edgePort,
                "advertisedAddress", ip, "trustedNetworks", "192.0.2.1");
        return ServerProcess.launch(dir, ServerProcess.freePort(), Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                "SWITCHBOARD_NODE", "node-" + n), List.of());
    }

    /** Waits until the edge's OPTIONS probes reach the switch (and it answers them). */
    private static void awaitProbed(ServerProcess node, Edge edge) throws Exception {
        PhoneChecks.await("the edge's probes", () -> requests(node, "OPTIONS") > 1, () -> node.output() + edge.output());
    }

    /** Places {@code count} calls from alice to bob through the edge; each must connect and end. */
    private static void calls(Path sipp, int edgePort, int bobPort, int count, Edge edge) throws Exception {
        Sipp bob = Sipp.start(sipp, "sipp-edge-answer.xml", edgePort, bobPort, "u1", "-m", Integer.toString(count));
        Thread.sleep(300);
        Sipp alice = Sipp.start(sipp, "sipp-edge-call.xml", edgePort, ServerProcess.freePort(), "u1", "-s", "bob",
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "200", "-r", "5", "-m",
                Integer.toString(count), "-auth_uri", "bob@127.0.0.1:" + edgePort);
        assertEquals(0, alice.await(90), alice.report() + edge.output());
        assertEquals(0, bob.await(30), bob.report());
    }

    private static long invites(ServerProcess node) {
        return requests(node, "INVITE");
    }

    private static long requests(ServerProcess node, String method) {
        try {
            return node.getJson("/sip/status", ADMIN).path("requests").path(method).asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return each switch's lockouts now and the lines its log has on them, in a few lines each */
    private static String guardLog(List<ServerProcess> nodes) throws Exception {
        StringBuilder b = new StringBuilder();
        for (ServerProcess node : nodes) {
            b.append(node.getJson("/sip/lockouts", ADMIN)).append('\n');
            node.output().lines().filter(l -> l.contains("ockout") || l.contains("Exception")).limit(20)
                    .forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    /** @return the source lockout of the guesser's address on the switch, or null */
    private static JsonNode lockout(ServerProcess node) {
        return lockout(node, "source", "127.0.0.66");
    }

    private static JsonNode lockout(ServerProcess node, String kind, String key) {
        try {
            for (JsonNode l : node.getJson("/sip/lockouts", ADMIN).path("lockouts")) {
                if (kind.equals(l.path("kind").asText()) && key.equals(l.path("key").asText())) {
                    return l;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Kamailio with the shipped edge configuration, its dispatcher list naming the switches. */
    private record Edge(Process process, Path log) implements AutoCloseable {

        static Edge start(Path base, int port, List<String> switches) throws Exception {
            Path dir = Files.createDirectories(base.resolve("edge"));
            StringBuilder list = new StringBuilder();
            for (String s : switches) {
                list.append("1 sip:").append(s).append(" 0 0\n");
            }
            Files.writeString(dir.resolve("dispatcher.list"), list);
            Path out = dir.resolve("kamailio.out");
            Process p = new ProcessBuilder("kamailio", "-f", EDGE_CONFIG.toString(), "-DD", "-E", "-Y", dir.toString(),
                    "-m", "64", "-M", "8", "-A", "EDGE_LISTEN=udp:127.0.0.1:" + port, "-A",
                    "DISPATCHER_LIST=\"" + dir.resolve("dispatcher.list") + "\"").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            return new Edge(p, out);
        }

        String output() {
            try {
                return "\nkamailio:\n" + Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
