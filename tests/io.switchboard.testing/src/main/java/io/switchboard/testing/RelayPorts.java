package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The media relay ports of the servers one JVM of tests starts: every server would otherwise take the relay's
 * default 10000 to 19999 from its first pair on, and all test phones send from 127.0.0.1, so a late packet of one
 * test's phone (a tone still playing) could reach a leg another server had just opened on the same port and latch
 * onto it (the likely cause of a page's member once "hearing" another test's 660 Hz). Each JVM has a part of 10000
 * to 19999, and each server it starts the next block of that part, so that a block comes round again only after
 * several servers.
 */
public final class RelayPorts {

    /** The IT JVMs' shares (surefire's forks) take the first parts, the UI tests the last. */
    private static final int PARTS = 4;
    private static final int LOW = 10000;
    private static final int PART = 10000 / PARTS;
    /** 200 RTP/RTCP pairs: more calls at once than any one test server holds. */
    private static final int BLOCK = 400;
    private static final String FILE = "io.switchboard.media.cfg";
    private static final Pattern PORTS = Pattern.compile("(?m)^\\s*port(Min|Max)\\s*=.*\\R?");

    /** The console's UI tests' servers. */
    public static final RelayPorts UI = new RelayPorts(PARTS - 1);

    private final int first;
    private int next;

    private RelayPorts(int part) {
        this.first = LOW + part * PART;
    }

    /** @param share the IT JVM's share of the ports, from 0 */
    public static RelayPorts forShare(int share) {
        return new RelayPorts(share % (PARTS - 1));
    }

    /**
     * Names the next block in the server's relay settings ({@code io.switchboard.media.cfg} in {@code conf}, from
     * the product's defaults when the test wrote none), unless a test named the relay's ports itself.
     *
     * @param serverDir the built server product
     */
    public void settle(Path serverDir, Path conf) throws IOException {
        Path file = conf.resolve(FILE);
        Path defaults = serverDir.resolve("defaults").resolve(FILE);
        String text = Files.exists(file) ? Files.readString(file)
                : Files.exists(defaults) ? Files.readString(defaults) : "";
        if (Files.exists(file) && PORTS.matcher(text).find()) {
            return;
        }
        int low = nextBlock();
        text = PORTS.matcher(text).replaceAll("");
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        Files.createDirectories(conf);
        Files.writeString(file, text + separator + "portMin = " + low + "\nportMax = " + (low + BLOCK - 1) + "\n");
    }

    private synchronized int nextBlock() {
        int low = first + next * BLOCK;
        next = (next + 1) % (PART / BLOCK);
        return low;
    }
}
