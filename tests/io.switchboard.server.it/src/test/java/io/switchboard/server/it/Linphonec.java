package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * linphonec 5.1 (Debian package linphone-cli) as a phone, typed at through a pseudo-terminal
 * ({@code script}): linphonec iterates its SIP stack only while its line editor waits on a
 * terminal. Sound goes through WAV files ({@code soundcard use files}, {@code play}, {@code record});
 * it needs a writable database folder under its HOME, or its core never starts.
 */
final class Linphonec implements AutoCloseable {

    private final Process process;
    private final OutputStream typed;
    private final Path dir;

    Linphonec(Path dir) throws Exception {
        this(dir, List.of());
    }

    /** @param sip more lines of its rc's [sip] section ("sip_tls_port=...", "root_ca=...") */
    Linphonec(Path dir, List<String> sip) throws Exception {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve(".local/share/linphone"));
        int port = ServerProcess.freePort();
        Files.writeString(dir.resolve("rc"), String.join("\n", "[sip]", "sip_port=" + port, "sip_tcp_port=0",
                "guess_hostname=0", String.join("\n", sip), "[rtp]", "audio_rtp_port=" + (42000 + port % 1000 * 2), "[sound]",
                "echocancellation=0", "[video]", "enabled=0", "display=0", "capture=0", ""));
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-f", "-c", "linphonec -c " + dir.resolve("rc"),
                dir.resolve("typescript").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile());
        pb.environment().put("HOME", dir.toString());
        try {
            if (!new File("/usr/bin/linphonec").canExecute()) {
                throw new IOException("/usr/bin/linphonec not found");
            }
            process = pb.start();
        } catch (IOException notInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("linphonec (Debian package linphone-cli) is required under CI: " + notInstalled.getMessage());
            }
            Assumptions.abort("linphonec not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
        typed = process.getOutputStream();
        Thread.sleep(1500);
        type("soundcard use files");
        type("autoanswer enable");
    }

    void type(String line) throws IOException {
        typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    String output() throws IOException {
        Path t = dir.resolve("typescript");
        return Files.exists(t) ? Files.readString(t, StandardCharsets.ISO_8859_1) : "";
    }

    @Override
    public void close() throws Exception {
        try {
            type("quit");
        } catch (IOException gone) {
            // already ended
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
