package io.switchboard.webhook.core.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses are the server's own networks rather than the internet, by the rule that makes
 * them so. An IPv6 address that carries an IPv4 one (IPv4-compatible {@code ::a.b.c.d}, IPv4-mapped
 * {@code ::ffff:a.b.c.d}, SIIT's {@code ::ffff:0:a.b.c.d}, NAT64's {@code 64:ff9b::/96}, 6to4's
 * {@code 2002::/16}) is judged by that IPv4 address too: a host, a translator or a relay on the way
 * may deliver it there. Teredo ({@code 2001::/32}) and local-use NAT64 ({@code 64:ff9b:1::/48}) are
 * refused whole: where they lead is the business of a relay or translator that cannot be judged here.
 */
final class InternalAddresses {

    private InternalAddresses() {
    }

    /** @return the rule that makes the address internal, such as "loopback (127.0.0.0/8)", or empty */
    static Optional<String> rule(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address ? ipv4(b) : ipv6(b);
    }

    private static Optional<String> ipv4(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0) {
            return Optional.of("this network (0.0.0.0/8)");
        } else if (first == 127) {
            return Optional.of("loopback (127.0.0.0/8)");
        } else if (first == 10 || first == 172 && (second & 0xF0) == 16 || first == 192 && second == 168) {
            return Optional.of("private (RFC 1918)");
        } else if (first == 169 && second == 254) {
            return Optional.of("link-local (169.254.0.0/16, cloud metadata)");
        } else if (first == 100 && (second & 0xC0) == 64) {
            return Optional.of("shared, carrier NAT (100.64.0.0/10)");
        } else if (first == 192 && second == 0 && b[2] == 0) {
            return Optional.of("IETF protocol assignments (192.0.0.0/24)");
        } else if (first == 198 && (second & 0xFE) == 18) {
            return Optional.of("benchmarking (198.18.0.0/15)");
        } else if (first >= 224 && first < 240) {
            return Optional.of("multicast (224.0.0.0/4)");
        } else if (first >= 240) {
            return Optional.of("reserved or broadcast (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 1);
        if (zero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return Optional.of(b[15] == 0 ? "unspecified (::)" : "loopback (::1)");
        } else if (zero(b, 0, 12)) {
            return embedded("IPv4-compatible (::/96)", b, 12);
        } else if (zero(b, 0, 10) && word(b, 5) == 0xFFFF) {
            return embedded("IPv4-mapped (::ffff:0:0/96)", b, 12);
        } else if (zero(b, 0, 8) && word(b, 4) == 0xFFFF && word(b, 5) == 0) {
            return embedded("IPv4-translated (::ffff:0:0:0/96)", b, 12);
        } else if (w0 == 0x64 && w1 == 0xFF9B && zero(b, 4, 12)) {
            return embedded("NAT64 (64:ff9b::/96)", b, 12);
        } else if (w0 == 0x64 && w1 == 0xFF9B && word(b, 2) == 1) {
            return Optional.of("local-use NAT64 (64:ff9b:1::/48)");
        } else if (w0 == 0x2002) {
            return embedded("6to4 (2002::/16)", b, 2);
        } else if (w0 == 0x2001 && w1 == 0) {
            return Optional.of("Teredo (2001::/32)");
        } else if ((w0 & 0xFE00) == 0xFC00) {
            return Optional.of("unique local (fc00::/7)");
        } else if ((w0 & 0xFFC0) == 0xFE80) {
            return Optional.of("link-local (fe80::/10)");
        } else if ((w0 & 0xFFC0) == 0xFEC0) {
            return Optional.of("site-local (fec0::/10)");
        } else if ((w0 & 0xFF00) == 0xFF00) {
            return Optional.of("multicast (ff00::/8)");
        } else if (w0 == 0x100 && zero(b, 2, 8)) {
            return Optional.of("discard-only (100::/64)");
        }
        return Optional.empty();
    }

    /** @return the rule of the IPv4 address inside, named with the form that carries it */
    private static Optional<String> embedded(String form, byte[] b, int from) {
        try {
            InetAddress v4 = InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4));
            return ipv4(v4.getAddress()).map(r -> form + " of " + v4.getHostAddress() + ", " + r);
        } catch (UnknownHostException e) {
            return Optional.of(form); // four bytes are always an address; refused should it ever fail
        }
    }

    private static int word(byte[] b, int index) {
        return (b[2 * index] & 0xFF) << 8 | b[2 * index + 1] & 0xFF;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
