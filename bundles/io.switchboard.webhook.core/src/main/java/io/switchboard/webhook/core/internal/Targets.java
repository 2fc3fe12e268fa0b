package io.switchboard.webhook.core.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a subscription may send to. A webhook is a request the server makes on an admin's
 * word: without a guard, one subscription would let whoever holds an admin's session read the
 * server's own network (its database, a cloud's metadata address). So, unless the settings allow
 * them: HTTPS only, and no address that is loopback, private, link-local, shared (RFC 6598),
 * unique-local or multicast, checked when the subscription is saved and again before each send,
 * when the name is looked up afresh.
 */
final class Targets {

    private Targets() {
    }

    /**
     * @return the URI, checked
     * @throws IllegalArgumentException saying what is refused
     */
    static URI check(String url, boolean allowHttp, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The URL '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException("The URL must be https://" + (allowHttp ? " or http://" : "")
                    + " (the setting io.switchboard.webhook allowHttp allows plain HTTP): " + url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The URL needs a host and no user name or password in it: " + url);
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("The URL's host " + uri.getHost() + " is not known");
            }
            for (InetAddress a : addresses) {
                if (internal(a)) {
                    throw new IllegalArgumentException("The URL's host " + uri.getHost() + " is the internal address "
                            + a.getHostAddress() + " (the setting io.switchboard.webhook allowPrivateTargets allows it)");
                }
            }
        }
        return uri;
    }

    /** @return whether the address is one of the server's own networks rather than the internet */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            boolean v4Mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF && allZero(b, 10);
            if (v4Mapped) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return (b[0] & 0xFE) == 0xFC; // fc00::/7, unique local
        }
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return first == 0 || first == 100 && second >= 64 && second < 128 // 0/8, 100.64/10 (carrier NAT)
                || first == 198 && (second == 18 || second == 19) || first >= 240; // benchmarking, reserved
    }

    private static boolean allZero(byte[] b, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
