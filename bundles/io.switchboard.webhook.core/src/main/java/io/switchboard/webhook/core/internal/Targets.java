package io.switchboard.webhook.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a subscription may send to. A webhook is a request the server makes on an admin's
 * word: without a guard, one subscription would let whoever holds an admin's session read the
 * server's own network (its database, a cloud's metadata address). So, unless the settings allow
 * them: HTTPS only, and no address that is loopback, private, link-local, shared (RFC 6598),
 * unique-local or multicast, nor an IPv6 form that carries such an IPv4 address
 * ({@link InternalAddresses}), checked when the subscription is saved and again before each send,
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
                Optional<String> rule = InternalAddresses.rule(a);
                if (rule.isPresent()) {
                    throw new IllegalArgumentException("The URL's host " + uri.getHost() + " is the internal address "
                            + a.getHostAddress() + ": " + rule.get()
                            + " (the setting io.switchboard.webhook allowPrivateTargets allows it)");
                }
            }
        }
        return uri;
    }

    /** @return whether the address is one of the server's own networks rather than the internet */
    static boolean internal(InetAddress a) {
        return InternalAddresses.rule(a).isPresent();
    }
}
