package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.switchboard.testing.PortRange;
import io.switchboard.testing.RelayPorts;
import io.switchboard.testing.QuietMachine;
import io.switchboard.testing.ServerJvm;

/** The real server product in a process of its own, on free ports, with a data folder of its own. */
final class TestServer implements AutoCloseable {

    final int port;
    final int sipPort;
    final Path output;
    private final ProcessBuilder command;
    private Process process;

    private TestServer(int port, int sipPort, Path output, ProcessBuilder command) throws IOException {
        this.port = port;
        this.sipPort = sipPort;
        this.output = output;
        this.command = command;
        this.process = command.start();
    }

    /** Starts the server with this admin password and waits until its health is UP. */
    static TestServer start(String adminPassword) throws Exception {
        return start(adminPassword, Map.of());
    }

    /** @param settings files for the server's etc folder, by name ("io.switchboard.sip.cfg"), before it starts */
    static TestServer start(String adminPassword, Map<String, String> settings) throws Exception {
        return start(adminPassword, settings, Map.of(), List.of());
    }

    /**
     * @param env more of the server's environment
     * @param args more of its command line; with HTTPS, keep plain HTTP on (--http-also) for the health check
     */
    static TestServer start(String adminPassword, Map<String, String> settings,
            Map<String, String> env, List<String> args) throws Exception {
        QuietMachine.share();
        Path serverDir = Path.of(System.getProperty("switchboard.server.dir"));
        Path base = Files.createTempDirectory("sb-console-it");
        Files.createDirectories(base.resolve("etc"));
        for (Map.Entry<String, String> file : settings.entrySet()) {
            Files.writeString(base.resolve("etc").resolve(file.getKey()), file.getValue());
        }
        int port = PortRange.UI.free();
        int sipPort = PortRange.UI.free();
        Path output = base.resolve("server.out");
        List<String> command = new ArrayList<>(List.of(
                serverDir.resolve("bin/switchboard-server").toString(), "--data", base.resolve("data").toString(),
                "--plugins", base.resolve("plugins").toString(), "--conf", base.resolve("etc").toString(),
                "--http-port", Integer.toString(port), "--sip-port", Integer.toString(sipPort)));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("SWITCHBOARD_ADMIN_PASSWORD", adminPassword);
        pb.environment().put("SWITCHBOARD_JAVA_OPTS", ServerJvm.options(serverDir, TestServer::freePort));
        ServerJvm.seed(base.resolve("data"), base.resolve("etc"));
        RelayPorts.UI.settle(serverDir, base.resolve("etc"));
        pb.environment().putAll(env);
        TestServer server = new TestServer(port, sipPort, output, pb);
        server.awaitHealthy();
        return server;
    }

    /** Starts the stopped server again, on its ports and with its data, and waits until its health is UP. */
    void restart() throws Exception {
        process = command.start();
        awaitHealthy();
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                // the API answers while the rest of the server starts: its areas' resources come with the "started" line
                if (r.statusCode() == 200 && Files.readString(output).contains("Switchboard started in")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                close();
                fail("Server did not become healthy:\n" + Files.readString(output));
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        return PortRange.UI.free();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
