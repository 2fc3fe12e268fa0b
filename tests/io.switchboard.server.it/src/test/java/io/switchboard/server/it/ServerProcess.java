package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.EphemeralPorts;
import io.switchboard.testing.PortRange;
import io.switchboard.testing.RelayPorts;
import io.switchboard.testing.ServerJvm;

/**
 * The built server product started as a real process, on a free port, with its own data,
 * plugins and settings folders.
 */
final class ServerProcess implements AutoCloseable {

    static final Path SERVER_DIR = Path.of(System.getProperty("switchboard.server.dir",
            "../../product/io.switchboard.server.product/target/switchboard-server")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path base;
    final Path data;
    final Path plugins;
    final Path conf;
    final int port;
    final int sipPort;
    final Path output;
    private final Process process;
    final long startMillis;

    private ServerProcess(Path base, int port, Map<String, String> env, List<String> args) throws IOException {
        this(base, port, freePort(), env, args);
    }

    private ServerProcess(Path base, int port, int sipPort, Map<String, String> env, List<String> args)
            throws IOException {
        this.base = base;
        this.data = base.resolve("data");
        this.plugins = base.resolve("plugins");
        this.conf = base.resolve("etc");
        this.port = port;
        this.sipPort = sipPort;
        this.output = base.resolve("server-" + System.nanoTime() + ".out");
        List<String> command = new ArrayList<>(List.of(SERVER_DIR.resolve("bin/switchboard-server").toString(),
                "--data", data.toString(), "--plugins", plugins.toString(), "--conf", conf.toString(),
                "--http-port", Integer.toString(port), "--sip-port", Integer.toString(sipPort)));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().remove("SWITCHBOARD_ADMIN_PASSWORD");
        pb.environment().put("SWITCHBOARD_JAVA_OPTS", ServerJvm.options(SERVER_DIR, ServerProcess::freePort));
        pb.environment().putAll(env);
        ServerJvm.seed(data, conf);
        RELAY.settle(SERVER_DIR, conf);
        long t0 = System.nanoTime();
        this.process = pb.start();
        this.startMillis = t0;
    }

    /**
     * Starts a server and waits until its health resource answers. A port found free can still be
     * taken by another process before the server binds it; then the server starts again on others.
     */
    static ServerProcess start(Path base, Map<String, String> env) throws Exception {
        for (int attempt = 1;; attempt++) {
            ServerProcess server = launch(base, freePort(), env, List.of());
            try {
                server.awaitHealthy();
                return server;
            } catch (PortTaken taken) {
                server.close();
                if (attempt == 3) {
                    throw taken;
                }
            } catch (Throwable notHealthy) {
                server.close(); // else it outlives the test and takes CPU and ports from the next
                throw notHealthy;
            }
        }
    }

    /** The management API's port was taken by another process between the probe and the bind. */
    static final class PortTaken extends AssertionError {
        PortTaken(String message) {
            super(message);
        }
    }

    /**
     * Starts a server again on the data of one that stopped, on its HTTP and SIP ports: phones that
     * only know the old address (SIPp answers to the address it was started with) still reach it.
     */
    static ServerProcess restart(ServerProcess stopped, Map<String, String> env) throws Exception {
        ServerProcess server = new ServerProcess(stopped.base, stopped.port, stopped.sipPort, new HashMap<>(env),
                List.of());
        try {
            server.awaitHealthy();
        } catch (Throwable notHealthy) {
            server.close();
            throw notHealthy;
        }
        return server;
    }

    /**
     * @return the JVM options ({@code SWITCHBOARD_JAVA_OPTS}) of a server whose tests make and log in accounts
     *         by the dozen: C2 stays for their password hashes ({@link ServerJvm})
     */
    static String hashingJvm() {
        return ServerJvm.options(SERVER_DIR, ServerProcess::freePort, true);
    }

    static ServerProcess launch(Path base, int port, Map<String, String> env, List<String> args) throws IOException {
        return new ServerProcess(base, port, new HashMap<>(env), args);
    }

    /**
     * @return a port free for TCP and UDP alike (the SIP port needs both), never one this JVM handed
     *         out before (the kernel may offer a port twice in a row), and below the kernel's range of
     *         ports it gives to sockets bound to port 0 and to outgoing connections: a port from that
     *         range, free when probed, was once taken by some client's connection before the server
     *         it was meant for bound it ("Cannot listen on SIP port ... Address already in use"). From
     *         20000 on: the switches' media relays take 10000 to 19999. The ITs run in parallel JVMs
     *         (surefire's forks): each takes ports from its own share of that range only, so that a port
     *         one fork probed free is never bound by the other before its own server binds it.
     */
    static int freePort() throws IOException {
        return PORTS.free();
    }

    /** @return a port for SIPp's {@code -mp}, with the three after it (RTCP, video, its RTCP) free and kept for it */
    static int freeMediaPort() throws IOException {
        return PORTS.freeBlock(4);
    }

    /** The first port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range). */
    private static final int EPHEMERAL_LOW = EphemeralPorts.first();
    /** How many JVMs run ITs at once: each takes its own share of the ports. */
    private static final int FORKS = Math.max(1, Integer.getInteger("switchboard.it.forks", 1));
    private static final int SHARE = ((EPHEMERAL_LOW > 21000 ? EPHEMERAL_LOW : 65536) - 20000) / FORKS;
    private static final int SHARE_INDEX = share();
    private static final int PORT_LOW = 20000 + SHARE_INDEX * SHARE;
    private static final int PORT_HIGH = PORT_LOW + SHARE;
    private static final PortRange PORTS = new PortRange(PORT_LOW, PORT_HIGH);
    private static final RelayPorts RELAY = RelayPorts.forShare(SHARE_INDEX);

    /**
     * @return the first share of the ports no other JVM holds, held until this one ends: a lock on a file
     *         per share, which the kernel lets go when the JVM exits, however it ends
     */
    private static int share() {
        for (int share = 0; share < FORKS; share++) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-it-ports-" + share + ".lock");
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (channel.tryLock() != null) {
                    return share; // the channel stays open: the lock lasts as long as this JVM
                }
                channel.close();
            } catch (IOException | OverlappingFileLockException e) {
                // another share, or the whole range below
            }
        }
        return 0;
    }

    void awaitHealthy() throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                fail("Server exited with " + process.exitValue() + " before it was healthy:\n" + output());
            }
            if (output().contains("Failed to bind to /127.0.0.1:" + port + "\n")) {
                throw new PortTaken("HTTP port " + port + " taken before the server bound it:\n" + output());
            }
            try {
                if (get("/health", null).statusCode() == 200 && output().contains("Switchboard started in")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("Server not healthy within 90 s:\n" + output());
    }

    /**
     * Waits until the SIP server listens on its default UDP and TCP points, and the bundles that
     * serve MESSAGE, SUBSCRIBE and PUBLISH have bound to it (they start once it listens).
     */
    void awaitSip(String[] credentials) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var r = get("/sip/status", credentials);
            if (r.statusCode() == 200 && JSON.readTree(r.body()).path("listeningPoints").size() == 2
                    && JSON.readTree(r.body()).path("methodsServed").size() == 3) {
                return;
            }
            Thread.sleep(100);
        }
        fail("SIP listening points not up:\n" + output());
    }

    /**
     * Waits until the SIP server answers with the digest algorithms a test's settings file asks for
     * (so that a scenario never meets the settings of before).
     */
    void awaitSipAlgorithms(String[] credentials, String expected) throws Exception {
        awaitSip(credentials);
        long deadline = System.currentTimeMillis() + 30_000;
        String seen = null;
        while (System.currentTimeMillis() < deadline) {
            var r = get("/sip/status", credentials);
            if (r.statusCode() == 200) {
                seen = JSON.readTree(r.body()).path("algorithms").toString();
                if (seen.equals(expected)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        fail("SIP digest algorithms " + seen + ", not " + expected + ":\n" + output());
    }

    /** @return milliseconds from process start to the "started" line the launcher logs */
    long reportedStartMillis() throws IOException {
        String out = output();
        int i = out.indexOf("Switchboard started in ");
        return Long.parseLong(out.substring(i + 23, out.indexOf(" ms", i)));
    }

    /**
     * Writes {@code etc/io.switchboard.sip.cfg} under {@code base}: the shipped defaults, with the given
     * settings set (a key the defaults lack is added).
     *
     * @param keyAndValue key, value, key, value ...
     */
    static void sipSettings(Path base, String... keyAndValue) throws IOException {
        String text = Files.readString(SERVER_DIR.resolve("defaults/io.switchboard.sip.cfg"));
        for (int i = 0; i < keyAndValue.length; i += 2) {
            Pattern line = Pattern.compile("(?m)^" + keyAndValue[i] + " =.*$");
            String set = keyAndValue[i] + " = " + keyAndValue[i + 1];
            text = line.matcher(text).find() ? line.matcher(text).replaceFirst(Matcher.quoteReplacement(set))
                    : text + "\n" + set + "\n";
        }
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), text);
    }

    /** @return the jar of a sample plugin the product ships in samples/, by its name's start */
    static Path sample(String name) throws IOException {
        try (Stream<Path> files = Files.list(SERVER_DIR.resolve("samples"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(name)).findFirst().orElseThrow();
        }
    }

    /** Drops a sample plugin into this server's plugins folder. @return where it went */
    Path deploySample(String name) throws IOException {
        Path sample = sample(name);
        return Files.copy(sample, plugins.resolve(sample.getFileName()));
    }

    /** @return the server's output once it holds {@code text} (within 15 s) */
    String awaitOutput(String text) throws Exception {
        for (int i = 0; i < 150; i++) {
            String out = output();
            if (out.contains(text)) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log:\n" + output());
    }

    /** @return the CPU time the server's process has used so far, in seconds (Linux: /proc) */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in ticks
    }

    /**
     * @param log what the phone printed, for the failure's message
     * @return the user's first live binding, once it has one (within 15 s)
     */
    JsonNode awaitBinding(String user, String[] credentials,
            Callable<String> log) throws Exception {
        for (int i = 0; i < 150; i++) {
            JsonNode bindings = getJson("/sip/registrations?user=" + user, credentials);
            if (bindings.size() > 0) {
                return bindings.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(user + " did not register:\n" + log.call() + "\n" + output());
    }

    /** @return the lockout of that kind ("source", "user") and key, once the server lists it (within 15 s) */
    JsonNode awaitLockout(String kind, String key, String[] credentials) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode all = null;
        while (System.currentTimeMillis() < deadline) {
            all = getJson("/sip/lockouts", credentials);
            for (JsonNode l : all.path("lockouts")) {
                if (kind.equals(l.path("kind").asText()) && key.equals(l.path("key").asText())) {
                    return l;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + kind + " lockout of " + key + ": " + all + "\n" + output());
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /**
     * @return the answer to GET /cdr/records/{id}/ladder once it is 200, else the last one after 20 s: a
     *         call's ladder is stored a few seconds after the call's end, with other calls' in a batch
     */
    HttpResponse<String> awaitLadder(String recordId, String[] credentials) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        HttpResponse<String> r = get("/cdr/records/" + recordId + "/ladder", credentials);
        while (r.statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            r = get("/cdr/records/" + recordId + "/ladder", credentials);
        }
        return r;
    }

    HttpResponse<String> get(String path, String[] credentials) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), credentials);
    }

    /** @param range a Range header's value, or null for the whole resource */
    HttpResponse<byte[]> getBytes(String path, String range, String[] credentials) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        authorize(b, credentials);
        return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> put(String path, String body, String[] credentials) throws IOException, InterruptedException {
        return put(path, body, credentials, Map.of());
    }

    /** A PUT of a file's bytes (not JSON: the header the API asks of scripts goes with it). */
    HttpResponse<String> putBytes(String path, byte[] body, String contentType, String[] credentials)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("X-Requested-By", "switchboard-tests"), credentials);
    }

    /** A PUT of a WAV file with more request headers (If-None-Match). */
    HttpResponse<String> putWav(String path, byte[] wav, Map<String, String> headers, String[] credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(wav))
                .header("Content-Type", "audio/wav").header("X-Requested-By", "switchboard-tests");
        headers.forEach(b::header);
        return send(b, credentials);
    }

    /** @param headers more request headers (If-Match) */
    HttpResponse<String> put(String path, String body, String[] credentials, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return send(b, credentials);
    }

    HttpResponse<String> post(String path, byte[] body, String[] credentials) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Requested-By", "switchboard-tests"), credentials);
    }

    /**
     * A POST whose work grows with what it asks for (demo records by the ten thousand, a rebuild): a loaded
     * machine may take longer than the 20 s every other request gets, so it gets three minutes.
     */
    HttpResponse<String> postBulk(String path, String[] credentials) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Requested-By", "switchboard-tests");
        authorize(b, credentials);
        return HTTP.send(b.timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String[] credentials) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("X-Requested-By", "switchboard-tests"),
                credentials);
    }

    JsonNode getJson(String path, String[] credentials) throws Exception {
        HttpResponse<String> r = get(path, credentials);
        if (r.statusCode() != 200) {
            fail("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** @param credentials a name and password (HTTP Basic), or an API token alone (Bearer), or null */
    private static void authorize(HttpRequest.Builder b, String[] credentials) {
        if (credentials != null && credentials.length == 1) {
            b.header("Authorization", "Bearer " + credentials[0]);
        } else if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String[] credentials)
            throws IOException, InterruptedException {
        authorize(b, credentials);
        return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM and waits for the process to end. @return its exit code */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int waitForExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Server still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
