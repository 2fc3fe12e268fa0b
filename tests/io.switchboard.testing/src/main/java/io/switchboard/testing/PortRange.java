package io.switchboard.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports a JVM of tests hands to the servers and peers it starts, from a range of its own: the kernel's ephemeral
 * range is everyone's (a port free for TCP when probed was once held by another process's UDP socket when the
 * server bound it: "Cannot listen on SIP port ... Address already in use").
 */
public final class PortRange {

    /**
     * The console's UI tests' range, 7000 to 9999: the ITs' JVMs share 20000 up to the ephemeral range, baresips
     * take the ports past it, and the switches' media relays 10000 to 19999. SIPp's control socket, 8888 and up by
     * default, is given a port with {@code -cp} wherever a test starts SIPp.
     */
    public static final PortRange UI = new PortRange(7000, 10000);

    private final int low;
    private final int high;
    private final Random random = new Random();
    /** Handed out by this JVM: a test that let one go and binds it again never finds it given to another. */
    private final Set<Integer> given = ConcurrentHashMap.newKeySet();

    /** @param high the first port past the range */
    public PortRange(int low, int high) {
        this.low = low;
        this.high = high;
    }

    /** @return a port free for TCP and UDP when probed, never returned before by this range */
    public int free() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = low + random.nextInt(high - low);
            if (given.contains(candidate)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(); DatagramSocket u = new DatagramSocket(null)) {
                s.bind(new InetSocketAddress(candidate));
                u.bind(new InetSocketAddress(candidate));
                if (given.add(candidate)) {
                    return candidate;
                }
            } catch (IOException taken) {
                // TCP or UDP side busy: try another
            }
        }
        throw new IOException("No free port in " + low + "-" + high);
    }

    /**
     * @return the first of {@code count} consecutive ports free for UDP when probed, none returned before: SIPp's
     *         {@code -mp} port takes the three after it too (RTCP, video and its RTCP)
     */
    public int freeBlock(int count) throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = low + random.nextInt(high - low - count);
            if (!claim(first, count)) {
                continue;
            }
            List<DatagramSocket> probes = new ArrayList<>();
            try {
                for (int p = first; p < first + count; p++) {
                    DatagramSocket u = new DatagramSocket(null);
                    probes.add(u);
                    u.bind(new InetSocketAddress(p));
                }
                return first;
            } catch (IOException taken) {
                for (int p = first; p < first + count; p++) {
                    given.remove(p);
                }
            } finally {
                probes.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("No " + count + " free ports in a row in " + low + "-" + high);
    }

    /** @return whether every port of the block was free to hand out; then they are this caller's */
    private boolean claim(int first, int count) {
        for (int p = first; p < first + count; p++) {
            if (!given.add(p)) {
                for (int q = first; q < p; q++) {
                    given.remove(q);
                }
                return false;
            }
        }
        return true;
    }
}
