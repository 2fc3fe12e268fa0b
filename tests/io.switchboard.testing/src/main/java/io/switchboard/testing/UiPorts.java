package io.switchboard.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports for the console's UI tests' servers: from 7000 to 9999, a range of their own. The kernel's ephemeral range
 * is everyone's (a port free for TCP when probed was once held by another process's UDP socket when the server
 * bound it: "Cannot listen on SIP port ... Address already in use"), the ITs' JVMs share 20000 up to it, baresips
 * take the ports past it, and the switches' media relays 10000 to 19999.
 */
public final class UiPorts {

    private static final int LOW = 7000;
    private static final int HIGH = 10000;
    private static final Random RANDOM = new Random();
    /** Handed out by this JVM: a test that let one go and binds it again never finds it given to another. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private UiPorts() {
    }

    /** @return a port free for TCP and UDP when probed, never returned before by this JVM */
    public static int free() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = LOW + RANDOM.nextInt(HIGH - LOW);
            if (GIVEN.contains(candidate)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(); DatagramSocket u = new DatagramSocket(null)) {
                s.bind(new InetSocketAddress(candidate));
                u.bind(new InetSocketAddress(candidate));
                if (GIVEN.add(candidate)) {
                    return candidate;
                }
            } catch (IOException taken) {
                // TCP or UDP side busy: try another
            }
        }
        throw new IOException("No free port in " + LOW + "-" + HIGH);
    }
}
