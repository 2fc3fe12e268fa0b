package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * baresip 1.0 (Debian package baresip-core) as a phone: it registers with the switch, sends a WAV
 * file as its microphone (aufile), writes what it hears to WAV (sndfile) and answers calls by
 * itself; it is driven over ctrl_tcp (netstring-framed JSON commands of the menu module).
 */
public final class Baresip implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int control;
    /** Its SIP port over UDP and TCP; with a sip_certificate, TLS listens on the next one. */
    public final int sipPort;

    public Baresip(Path dir, int serverPort, String user, String password, Path tone) throws Exception {
        this(dir, "<sip:" + user + "@127.0.0.1:" + serverPort + ">;auth_pass=" + password, tone, List.of());
    }

    /**
     * @param account the account line up to its options ("&lt;sip:alice@host:5061;transport=tls&gt;;auth_pass=...")
     * @param config more lines of baresip's config ("sip_cafile ...")
     */
    public Baresip(Path dir, String account, Path tone, List<String> config) throws Exception {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("rec"));
        int sip = freePorts();
        this.sipPort = sip;
        this.control = sip + 2;
        Files.writeString(dir.resolve("config"), String.join("\n", "poll_method epoll",
                "sip_listen 127.0.0.1:" + sip, "audio_player aubridge,nil", "audio_alert aubridge,nil",
                "audio_source aufile," + tone, "module_path /usr/lib/baresip/modules", "module g711.so",
                "module aufile.so", "module aubridge.so", "module sndfile.so", "module_app account.so",
                "module_app menu.so", "module_app ctrl_tcp.so", "ctrl_tcp_listen 127.0.0.1:" + control,
                "snd_path " + dir.resolve("rec"), "rtp_ports 41000-41100", String.join("\n", config), ""));
        Files.writeString(dir.resolve("accounts"), account + (account.contains("regint=") ? "" : ";regint=300")
                + ";answermode=auto\n");
        try {
            process = new ProcessBuilder("baresip", "-f", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.out").toFile()).start();
        } catch (IOException notInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("baresip (Debian package baresip-core) is required under CI: " + notInstalled.getMessage());
            }
            Assumptions.abort("baresip not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
    }

    /** The first of baresips' ports: past the kernel's ephemeral range when it leaves room, else below it. */
    private static final int FIRST_PORT = Math.max(EphemeralPorts.last() + 1, 61000) <= 65000
            ? Math.max(EphemeralPorts.last() + 1, 61000) : 28002;
    /** How many baresips' triples of ports fit in the range. */
    private static final int SLOTS = Math.min(1500, (65535 - FIRST_PORT) / 3);
    /** The first ports of the baresips this JVM started: another one never gets any of their three. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    /**
     * Three ports free for TCP and UDP, from the one returned on: SIP, then TLS (baresip listens on
     * the next port whether or not it has a certificate), then its control. Above the kernel's
     * ephemeral range (61000 on, where Linux's ends at 60999), so that no socket another process
     * binds to port 0 meanwhile (a phone's RTP) can take one before baresip binds it, and apart from
     * the ports the ITs' JVMs hand out (20000 to the ephemeral range, a share each), which a test
     * binds, lets go and binds again: a baresip of another JVM must never take one in between. A
     * multiple of 3 from the range's start, so that two baresips of one run never share one.
     */
    private static int freePorts() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_PORT + 3 * random.nextInt(SLOTS);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket u = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                    ServerSocket s1 = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket u1 = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress());
                    ServerSocket s2 = new ServerSocket(port + 2, 1, InetAddress.getLoopbackAddress())) {
                if (GIVEN.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("No free ports for baresip");
    }

    /** Sends a command of the menu module (dial, hangup, ...) and returns baresip's answer. */
    public String command(String command, String params) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), control)) {
                // baresip answers a command once it has done it: a dial over TLS under the whole suite's
                // load once took longer than 5 s (SipTlsIT), so the answer may take up to 15
                s.setSoTimeout(15_000);
                byte[] json = ("{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"t\"}")
                        .getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(json);
                s.getOutputStream().write(',');
                return readResponse(s.getInputStream());
            } catch (ConnectException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Reads netstrings until the response to the command (events come first, uninvited). */
    private static String readResponse(InputStream in) throws IOException {
        while (true) {
            StringBuilder length = new StringBuilder();
            int c;
            while ((c = in.read()) != ':') {
                if (c < 0) {
                    return "";
                }
                length.append((char) c);
            }
            String message = new String(in.readNBytes(Integer.parseInt(length.toString().trim())),
                    StandardCharsets.UTF_8);
            in.read(); // the comma
            if (message.contains("\"response\":true")) {
                return message;
            }
        }
    }

    /** @return the newest recording of what this phone heard, or null */
    public Path lastHeard() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-dec.wav"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    public String output() throws IOException {
        return Files.readString(dir.resolve("baresip.out"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
