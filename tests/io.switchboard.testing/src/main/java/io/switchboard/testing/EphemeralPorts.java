package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's range of ports for sockets bound to port 0 (Linux: /proc/sys/net/ipv4/ip_local_port_range). */
public final class EphemeralPorts {

    private static final int[] RANGE = read();

    private EphemeralPorts() {
    }

    /** @return the range's first port (32768 when it cannot be read) */
    public static int first() {
        return RANGE[0];
    }

    /** @return the range's last port (60999 when it cannot be read) */
    public static int last() {
        return RANGE[1];
    }

    private static int[] read() {
        try {
            // by lines: Files.readString got "3" of "32768 60999" from this sysctl file on a 6.18 kernel, and the
            // shares then reached into the ephemeral range (a server's SIP port once held by a client's connection)
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                    .split("\\s+");
            int low = Integer.parseInt(range[0]);
            int high = Integer.parseInt(range[1]);
            return low >= 1024 && high >= low ? new int[] { low, high } : new int[] { 32768, 60999 };
        } catch (IOException | RuntimeException e) {
            return new int[] { 32768, 60999 };
        }
    }
}
