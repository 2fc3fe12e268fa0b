package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The switch never goes deaf: its settings files and those of its listening points are rewritten
 * 20 times while OPTIONS flow over UDP and TCP, each time read first while empty (as an editor's
 * truncate-then-write can be read) and then whole. Every point answers again within seconds of
 * every rewrite, a listening point without a transport is refused by name, a second file for an
 * open point is refused and its removal closes nothing, and at the end the status lists exactly
 * the two open points.
 */
class SipSettingsChurnIT {

    private static final String[] ADMIN = { "admin", "sip-churn-it-secret" };
    /** Longest silence allowed on a point: a switch restart with new settings, with margin. */
    private static final long MAX_GAP_MILLIS = 8_000;

    @TempDir
    Path base;

    @Test
    void rewritingSettingsFilesNeverLeavesAListeningPointDeaf() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            List<String> files = List.of("io.switchboard.sip.listener-tcp.cfg", "io.switchboard.sip.listener-udp.cfg",
                    "io.switchboard.sip.cfg");
            Map<String, String> originals = new HashMap<>();
            for (String f : files) {
                originals.put(f, Files.readString(server.conf.resolve(f)));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            long start = System.currentTimeMillis();
            AtomicLong lastUdp = new AtomicLong(start);
            AtomicLong lastTcp = new AtomicLong(start);
            AtomicLong gapUdp = new AtomicLong();
            AtomicLong gapTcp = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            Thread traffic = new Thread(() -> {
                try (RawSip udp = new RawSip(300)) {
                    while (running.get()) {
                        long now = System.currentTimeMillis();
                        if (udp.options(server.sipPort) == 200) {
                            gapUdp.accumulateAndGet(now - lastUdp.getAndSet(now), Math::max);
                            answered.incrementAndGet();
                        }
                        if (RawSip.optionsOverTcp(server.sipPort, 300) == 200) {
                            gapTcp.accumulateAndGet(now - lastTcp.getAndSet(now), Math::max);
                            answered.incrementAndGet();
                        }
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "options-traffic");
            traffic.start();
            try {
                for (int i = 0; i < 20; i++) {
                    String f = files.get(i % files.size());
                    Path file = server.conf.resolve(f);
                    int read = reads(server, file);
                    Files.writeString(file, ""); // read while empty: FileInstall polls every second
                    awaitRead(server, file, read + 1);
                    Files.writeString(file, originals.get(f) + "\n# rewritten " + i + "\n", StandardCharsets.UTF_8);
                    awaitRead(server, file, read + 2);
                    awaitBoth(server, "after rewrite " + i + " of " + f);
                }
                Thread.sleep(ListeningGrace.MILLIS); // a point closed by mistake closes after the grace
                awaitBoth(server, "at the end");
            } finally {
                running.set(false);
                traffic.join(5_000);
            }
            // a listener file left empty (as FileInstall's own write-back once left one): the point stays open
            Path udpFile = server.conf.resolve("io.switchboard.sip.listener-udp.cfg");
            int udpReads = reads(server, udpFile);
            String kept = "stays open until these settings are valid again";
            int keptBefore = occurrences(server, kept);
            Files.writeString(udpFile, "");
            awaitRead(server, udpFile, udpReads + 1);
            awaitCount(server, kept, keptBefore + 1);
            Thread.sleep(ListeningGrace.MILLIS); // kept open past the grace a closing point has
            awaitBoth(server, "with the UDP listener's file empty");
            Files.writeString(udpFile, originals.get("io.switchboard.sip.listener-udp.cfg"));
            awaitRead(server, udpFile, udpReads + 2);

            // a second file for the UDP point is refused by name, and removing it leaves the first one open
            Path duplicate = server.conf.resolve("io.switchboard.sip.listener-dup.cfg");
            Files.writeString(duplicate, "transport = udp\naddress = 0.0.0.0\nport = 0\n");
            for (int i = 0; i < 100 && !server.output().contains("already listens there"); i++) {
                Thread.sleep(100);
            }
            Files.delete(duplicate);
            server.awaitOutput("Deleting configuration {io.switchboard.sip.listener~dup}");
            Thread.sleep(ListeningGrace.MILLIS); // the first point still open past the grace
            awaitBoth(server, "after a duplicate listening point came and went");
            String log = server.output();
            assertTrue(log.contains("SIP listening point udp:0.0.0.0:" + server.sipPort
                    + " of io.switchboard.sip.listener-dup.cfg not opened"), log);
            assertTrue(log.contains("transport: missing (udp, tcp or tls) in io.switchboard.sip.listener-tcp.cfg"),
                    "an empty listener file is refused by name:\n" + log);
            assertTrue(gapUdp.get() < MAX_GAP_MILLIS, "longest UDP silence " + gapUdp + " ms\n" + log);
            assertTrue(gapTcp.get() < MAX_GAP_MILLIS, "longest TCP silence " + gapTcp + " ms\n" + log);
            assertTrue(answered.get() > 100, "traffic flowed throughout: " + answered);
            JsonNode status = server.getJson("/sip/status", ADMIN);
            assertEquals(List.of("tcp:0.0.0.0:" + server.sipPort, "udp:0.0.0.0:" + server.sipPort),
                    List.of(status.path("listeningPoints").get(0).asText(), status.path("listeningPoints").get(1)
                            .asText()), status.toString());
            assertEquals(2, status.path("listeningPoints").size(), status.toString());
            assertEquals(0, status.path("notListening").size(), status.toString());
            assertEquals(0, server.terminate());
        }
    }

    /** @return how often FileInstall has read the file so far (it logs each configuration it creates or updates) */
    private static int reads(ServerProcess server, Path file) throws IOException {
        return occurrences(server, " from " + file);
    }

    /** Waits (15 s at most) until FileInstall has read the file {@code times} times in all (or more: mid-write). */
    private static void awaitRead(ServerProcess server, Path file, int times) throws Exception {
        awaitCount(server, " from " + file, times);
    }

    private static int occurrences(ServerProcess server, String text) throws IOException {
        String out = server.output();
        int n = 0;
        for (int at = out.indexOf(text); at >= 0; at = out.indexOf(text, at + text.length())) {
            n++;
        }
        return n;
    }

    /** Waits (15 s at most) until the server's output holds the text {@code times} times or more. */
    private static void awaitCount(ServerProcess server, String text, int times) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (occurrences(server, text) < times && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(occurrences(server, text) >= times, "'" + text + "' not " + times + " times\n" + server.output());
    }

    /** Both points answer OPTIONS within 10 s. */
    private static void awaitBoth(ServerProcess server, String when) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        boolean udp = false;
        boolean tcp = false;
        try (RawSip raw = new RawSip(500)) {
            while (System.currentTimeMillis() < deadline && !(udp && tcp)) {
                udp = udp || raw.options(server.sipPort) == 200;
                tcp = tcp || RawSip.optionsOverTcp(server.sipPort, 500) == 200;
                if (!(udp && tcp)) {
                    Thread.sleep(200);
                }
            }
        }
        assertTrue(udp && tcp, "UDP answered " + udp + ", TCP answered " + tcp + " " + when + "\n" + server.output());
    }

    /** How long a point outlives its configuration (ListeningPoints.CLOSE_GRACE_MILLIS), with margin. */
    private static final class ListeningGrace {
        static final long MILLIS = 4_000;
    }
}
