package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jain-sip's own log (log4j 1.x inside the stack) reaches the server's log file through
 * log4j-over-slf4j when {@code stackLog} asks for it, and by default only its severe problems do
 * (not its warnings about TLS at every start); a bad value is named.
 */
class SipStackLogIT {

    private static final String[] ADMIN = { "admin", "stack-log-it-secret" };

    @TempDir
    Path base;

    /** A server with these SIP settings, its SIP side up. */
    private ServerProcess start(String sipSettings) throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), sipSettings);
        ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        try {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    @Test
    void byDefaultTheStackSaysNothingButItsSevereProblems() throws Exception {
        try (ServerProcess server = start("algorithms = MD5\n")) {
            String out = server.output();
            assertTrue(out.contains("SIP listening on udp"), out);
            assertTrue(!out.contains("TLS server settings will be inactive") && !out.contains("sip stack timer"),
                    "no stack chatter at a normal start:\n" + out);
        }
    }

    @Test
    void theStacksOwnLogLinesAreInTheServersLogFile() throws Exception {
        try (ServerProcess server = start("algorithms = MD5\nstackLog = info\n")) {
            Path log = base.resolve("data/logs/switchboard.0.log");
            String text = "";
            for (int i = 0; i < 50 && !text.contains("sip stack timer"); i++) {
                Thread.sleep(100);
                text = Files.readString(log);
            }
            assertTrue(text.contains("[sip] the sip stack timer gov.nist.javax.sip.stack.timers.DefaultSipTimer has been started"),
                    "jain-sip's start-up lines in " + log + ":\n" + text);

            Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\nstackLog = verbose\n");
            String out = server.awaitOutput("stackLog=verbose");
            assertTrue(out.contains("Invalid setting io.switchboard.sip stackLog=verbose: none, error, info or debug"),
                    out);
        }
    }
}
