package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fuzzer of the tests' own under a steady call load: a carrier (SIPp) places calls to a DID
 * answered by bob (SIPp) while mutated datagrams come from a stranger (127.0.0.2) and from a
 * second trunk known by its address (127.0.0.3), whose calls ring carol, who is busy. Afterwards
 * every call of the carrier was answered and ended, no call is left, the relay's sessions are back
 * to zero, the malformed ones were counted, the log grew little, and a capture on every interface
 * shows no name looked up for the fuzzer's hosts and no SIP packet leaving loopback: answers go to
 * the packet's source.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class SipFuzzIT {

    private static final String[] ADMIN = { "admin", "sip-fuzz-it-secret" };
    private static final int DATAGRAMS_EACH = 15_000;
    private static final int PER_SECOND_EACH = 600;

    @TempDir
    Path base;

    @Test
    void mutatedDatagramsUnderACallLoadLeaveNothingBehind() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        int carolPort = ServerProcess.freePort();
        int carrierPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                SipFuzzer stranger = new SipFuzzer("127.0.0.2", server.sipPort, seed, "+15550100000");
                SipFuzzer trunk = new SipFuzzer("127.0.0.3", server.sipPort, seed + 1, "+15550100001")) {
            server.awaitSip(ADMIN);
            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, bobPort, "+15550100000", 1_000_000);
            Sipp carol = carolIsBusy(server, sipp, carolPort, trunk.port());
            long logBefore = logBytes();
            try (Capture capture = Capture.start(sipp, "port 53 or port 5353 or port 5355 or (port " + server.sipPort
                    + " and not (src net 127.0.0.0/8 and dst net 127.0.0.0/8))")) {
                Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                        "+15550100000", "-key", "caller", "12125550100", "-d", "500", "-r", "10", "-m", "250");
                CompletableFuture<Void> a = fuzz(stranger);
                CompletableFuture<Void> b = fuzz(trunk);
                a.get();
                b.get();
                int carrierExit = carrier.await(120);
                assertEquals(0, carrierExit, "seed " + seed + ": every call of the carrier answered and ended\n"
                        + carrier.report() + tail(server.output()));

                JsonNode calls = awaitNoCalls(server);
                assertEquals(0, calls.size(), "seed " + seed + ": calls left behind " + calls);
                JsonNode media = server.getJson("/media/status", ADMIN);
                assertEquals(0, media.path("sessions").asInt(), "seed " + seed + ": relay sessions back to zero " + media);
                JsonNode status = server.getJson("/sip/status", ADMIN);
                assertTrue(status.path("malformedMessages").asLong() > 0, "malformed datagrams counted: " + status);
                assertTrue(status.path("completedCalls").asLong() >= 250, status.toString());

                long grew = logBytes() - logBefore;
                assertTrue(grew < 2_000_000, "seed " + seed + ": the log grew " + grew + " bytes for "
                        + (stranger.sent() + trunk.sent()) + " datagrams; its commonest lines:\n" + commonestLogLines());

                Thread.sleep(500);
                List<String> packets = capture.packets();
                List<String> lookups = packets.stream().filter(l -> l.contains(SipFuzzer.MARKER)).toList();
                assertEquals(List.of(), lookups, "seed " + seed + ": names of the fuzzer's hosts looked up");
                // (the DNS ports are captured whatever the addresses: a fuzzed Via may name port 53 of the
                // fuzzer's own loopback address, where an answer rightly goes, and that is not leaving)
                List<String> leaving = packets.stream().filter(l -> l.contains("." + server.sipPort + " ")
                        || l.contains("." + server.sipPort + ":")).filter(l -> !LOOPBACK_BOTH_WAYS.matcher(l).find())
                        .toList();
                assertEquals(List.of(), leaving, "seed " + seed + ": SIP packets off loopback");
            } finally {
                bob.kill();
                carol.kill();
            }
        }
    }

    /** a captured packet from a loopback address to a loopback address ("127.0.0.1.5060 > 127.0.0.2.53:") */
    private static final Pattern LOOPBACK_BOTH_WAYS = Pattern
            .compile("\\b127\\.\\d+\\.\\d+\\.\\d+\\.\\d+ > 127\\.\\d+\\.\\d+\\.\\d+\\.\\d+[.:]");

    /** A second trunk at the trunk fuzzer's address, and a number of it that rings carol, who is busy. */
    private static Sipp carolIsBusy(ServerProcess server, Path sipp, int carolPort, int fuzzerPort) throws Exception {
        assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-password-3\"}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/trunks/fuzzer", "{\"host\":\"127.0.0.3\",\"port\":" + fuzzerPort
                + ",\"addresses\":[\"127.0.0.3:" + fuzzerPort + "\"],\"probe\":false,\"maxChannels\":0}", ADMIN)
                .statusCode());
        assertEquals(201, server.put("/sip/numbers/%2B15550100001", "{\"destination\":\"carol\"}", ADMIN).statusCode());
        Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, carolPort, "u1", "-s", "carol", "-au",
                "carol", "-ap", "carol-password-3", "-key", "expires", "3600", "-m", "1");
        assertEquals(0, reg.await(60), reg.report());
        return Sipp.start(sipp, "sipp-busy.xml", server.sipPort, carolPort, "u1", "-m", "1000000");
    }

    private static CompletableFuture<Void> fuzz(SipFuzzer fuzzer) {
        return CompletableFuture.runAsync(() -> {
            try {
                fuzzer.send(DATAGRAMS_EACH, PER_SECOND_EACH);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Calls of the trunk fuzzer wait for ACKs that never come (Timer H, 32 s) before they go. */
    private static JsonNode awaitNoCalls(ServerProcess server) throws Exception {
        JsonNode calls = server.getJson("/sip/calls", ADMIN);
        for (int i = 0; i < 300 && (calls.size() > 0
                || server.getJson("/media/status", ADMIN).path("sessions").asInt() > 0); i++) {
            Thread.sleep(200);
            calls = server.getJson("/sip/calls", ADMIN);
        }
        return calls;
    }

    private long logBytes() throws Exception {
        try (Stream<Path> files = Files.list(base.resolve("data/logs"))) {
            long sum = 0;
            for (Path p : files.toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** The ten commonest shapes of log line (digits and quoted parts made alike), with their counts. */
    private String commonestLogLines() throws Exception {
        Map<String, Long> shapes = new HashMap<>();
        try (Stream<Path> files = Files.list(base.resolve("data/logs"))) {
            for (Path p : files.toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                    String shape = line.replaceAll("[0-9]+", "#").replaceAll("\"[^\"]*\"", "\"…\"");
                    shapes.merge(shape.length() > 160 ? shape.substring(0, 160) : shape, 1L, Long::sum);
                }
            }
        }
        return shapes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("\n"));
    }

    private static String tail(String text) {
        return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    }
}
