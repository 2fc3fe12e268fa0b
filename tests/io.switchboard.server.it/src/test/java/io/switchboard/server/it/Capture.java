package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A packet capture with tcpdump on every interface (Debian package tcpdump; it needs root or
 * CAP_NET_RAW, which CI has), one line a packet, names never resolved by tcpdump itself.
 */
final class Capture implements AutoCloseable {

    private final Process process;
    private final Path out;

    private Capture(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static Capture start(Path dir, String filter) throws Exception {
        Path out = dir.resolve("capture-" + System.nanoTime() + ".txt");
        Process p;
        try {
            p = new ProcessBuilder("tcpdump", "-i", "any", "-n", "-l", "-vv", "-s", "512", filter)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        } catch (IOException notInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("tcpdump (Debian package tcpdump) is required under CI: " + notInstalled.getMessage());
            }
            Assumptions.abort("tcpdump not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
        for (int i = 0; i < 100 && !Files.readString(out).contains("listening on"); i++) {
            if (!p.isAlive()) {
                String why = Files.readString(out);
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail("tcpdump cannot capture: " + why);
                }
                Assumptions.abort("tcpdump cannot capture here: " + why);
            }
            Thread.sleep(50);
        }
        return new Capture(p, out);
    }

    /** @return the lines captured so far, tcpdump's own messages left out */
    List<String> packets() throws IOException {
        return Files.readAllLines(out).stream()
                .filter(l -> !l.startsWith("tcpdump:") && !l.startsWith("listening on") && !l.contains("packets captured")
                        && !l.contains("packets received by filter") && !l.contains("packets dropped by kernel"))
                .toList();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
