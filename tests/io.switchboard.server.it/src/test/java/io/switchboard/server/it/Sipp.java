package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** One SIPp process (Debian package sip-tester) with a scenario from the test resources, on loopback. */
final class Sipp {

    private final Process process;
    private final Path log;
    private final Path out;
    private final String name;

    private Sipp(String name, Process process, Path log, Path out) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.out = out;
    }

    /**
     * Starts SIPp with a scenario resource against the server.
     *
     * @param localPort SIPp's own SIP port
     * @param args further SIPp arguments (-s, -au, -ap, -key, -m ...)
     */
    static Sipp start(Path dir, String scenarioResource, int serverPort, int localPort, String transport,
            String... args) throws IOException {
        return startFrom("127.0.0.1", dir, scenarioResource, serverPort, localPort, transport, args);
    }

    /** Starts SIPp on another loopback address than 127.0.0.1: a peer the switch tells from the others by its source. */
    static Sipp startFrom(String localIp, Path dir, String scenarioResource, int serverPort, int localPort,
            String transport, String... args) throws IOException {
        Path scenario = dir.resolve(scenarioResource);
        if (!Files.exists(scenario)) {
            try (InputStream in = Sipp.class.getResourceAsStream("/" + scenarioResource)) {
                Files.copy(in, scenario);
            }
        }
        String name = scenarioResource.replace(".xml", "") + "-" + transport + "-" + System.nanoTime();
        Path log = dir.resolve(name + ".errors");
        Path out = dir.resolve(name + ".out");
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort, "-sf", scenario.toString(),
                "-t", transport, "-i", localIp, "-p", Integer.toString(localPort), "-timeout", "60s",
                "-timeout_error", "-nostdin", "-trace_err", "-error_file", log.toString(), "-trace_msg", "-message_file",
                dir.resolve(name + ".messages").toString()));
        command.addAll(List.of(args));
        List<String> given = List.of(args);
        if (!given.contains("-cp")) {
            // SIPp's control socket takes 8888 and up unless told: inside the console UI tests' own port range
            command.addAll(List.of("-cp", Integer.toString(ServerProcess.freePort())));
        }
        if ((scenarioResource.startsWith("sipp-call") || scenarioResource.startsWith("sipp-subscribe"))
                && given.contains("-au") && given.contains("-s")) {
            // the switch checks that digest credentials name the Request-URI; SIPp's default
            // authentication URI is only remote_ip:remote_port, which a call's Request-URI is not
            command.addAll(List.of("-auth_uri", given.get(given.indexOf("-s") + 1) + "@127.0.0.1:" + serverPort));
        }
        try {
            return new Sipp(name, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start(), log, out);
        } catch (IOException notInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("SIPp (Debian package sip-tester) is required under CI: " + notInstalled.getMessage());
            }
            Assumptions.abort("SIPp not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
    }

    /** @return SIPp's exit code: 0 when every call of the scenario passed */
    int await(int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("SIPp " + name + " did not finish within " + seconds + " s\n" + report());
        }
        return process.exitValue();
    }

    /** @return every message SIPp sent and received, whole (the report keeps only the end of a long trace) */
    String messages() throws IOException {
        Path trace = log.resolveSibling(name + ".messages");
        return Files.exists(trace) ? Files.readString(trace) : "";
    }

    /** @return what SIPp printed and logged: its output, errors and the messages it exchanged, for failure messages */
    String report() throws IOException {
        StringBuilder sb = new StringBuilder("--- SIPp ").append(name).append('\n');
        // the output's end holds what SIPp says when it cannot start (a port it could not bind) and its last counts
        tail(sb, out, 3_000);
        tail(sb, log, 20_000);
        tail(sb, log.resolveSibling(name + ".messages"), 20_000);
        return sb.toString();
    }

    private static void tail(StringBuilder sb, Path file, int chars) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file);
            sb.append(text.length() > chars ? text.substring(text.length() - chars) : text).append('\n');
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits until a UDP socket listens on the port (SIPp's, once it has read its scenario and bound), read from
     * the kernel's table without touching the port: a call placed to a SIPp still starting would find nobody.
     */
    static void awaitListening(int port) throws InterruptedException {
        String hex = String.format(":%04X ", port);
        PhoneChecks.await("a UDP socket on port " + port, () -> {
            for (String table : new String[] { "/proc/net/udp", "/proc/net/udp6" }) {
                try {
                    if (Files.readAllLines(Path.of(table)).stream().skip(1)
                            .anyMatch(l -> l.trim().split("\\s+")[1].endsWith(hex.trim()))) {
                        return true;
                    }
                } catch (IOException | ArrayIndexOutOfBoundsException e) {
                    return true; // no table to read here: go on as before
                }
            }
            return false;
        });
    }

    /** @return whether SIPp still runs its scenario */
    boolean alive() {
        return process.isAlive();
    }

    Path output() {
        return out;
    }
}
