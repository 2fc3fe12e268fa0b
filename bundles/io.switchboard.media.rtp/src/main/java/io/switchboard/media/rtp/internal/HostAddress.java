package io.switchboard.media.rtp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The host's first non-loopback IPv4 address, read from the interfaces at most every few seconds:
 * reading them costs a dozen system calls (a socket, ioctls, /proc files), and every relayed call's
 * offer and answer asked for it (about 1 % of a call's CPU). A new address after DHCP or a network
 * change is still seen within {@link #REFRESH_NANOS}.
 */
final class HostAddress {

    static final long REFRESH_NANOS = 10_000_000_000L;

    private record Read(InetAddress address, long atNanos) {
    }

    private static volatile Read last;

    private HostAddress() {
    }

    static InetAddress first() {
        Read read = last;
        long now = System.nanoTime();
        if (read == null || now - read.atNanos() > REFRESH_NANOS) {
            read = new Read(scan(), now);
            last = read;
        }
        return read.address();
    }

    private static InetAddress scan() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            return a;
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to read: loopback below
        }
        return InetAddress.getLoopbackAddress();
    }
}
