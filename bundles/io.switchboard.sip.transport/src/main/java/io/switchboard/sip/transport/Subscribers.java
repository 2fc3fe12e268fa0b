package io.switchboard.sip.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Who sends from an address, for the limits that count senders (floods, lockouts, connections). */
public final class Subscribers {

    private Subscribers() {
    }

    /**
     * @return the key a peer is counted under: its address, or for IPv6 its /64, since one subscriber
     *         holds a whole /64 and can send from any address in it
     */
    public static InetAddress of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        Arrays.fill(b, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return address; // 16 bytes are always an address
        }
    }
}
