package io.switchboard.sip.admin.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.provisioning.Trunk;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What an admin should know of a trunk as saved. One that lists no addresses takes every request from
 * its host's address, on any port, for the carrier's: the phones registered from that address, or the
 * console's softphone on the switch's own machine, would have their calls taken for the carrier's and
 * refused. The switch keeps the rule (a carrier that calls from many ports needs it); the API says so.
 */
final class TrunkWarnings {

    private static final int NAMED = 5;

    private TrunkWarnings() {
    }

    static List<String> of(Trunk trunk, List<PhoneBinding> bindings) {
        if (!trunk.enabled() || !trunk.addresses().isEmpty() || trunk.host() == null) {
            return List.of();
        }
        Set<InetAddress> ips = new LinkedHashSet<>();
        try {
            ips.addAll(List.of(InetAddress.getAllByName(trunk.host())));
        } catch (UnknownHostException e) {
            return List.of(); // a name that does not resolve claims nothing
        }
        boolean loopback = ips.stream().anyMatch(InetAddress::isLoopbackAddress);
        List<String> users = bindings.stream().filter(b -> ips.contains(address(b.source())))
                .map(PhoneBinding::username).distinct().sorted().toList();
        if (users.isEmpty() && !loopback) {
            return List.of();
        }
        String who = users.isEmpty() ? "the switch's own machine, where the console's softphone and local phones are,"
                : "the phones of " + String.join(", ", users.subList(0, Math.min(NAMED, users.size())))
                        + (users.size() > NAMED ? " and " + (users.size() - NAMED) + " more" : "") + " register from it";
        List<String> shown = ips.stream().map(InetAddress::getHostAddress).toList();
        return List.of("Trunk '" + trunk.name() + "' lists no addresses, so every request from "
                + String.join(", ", shown) + " on any port is taken as the carrier's: " + who
                + ", and their calls would be taken for the carrier's and refused. List the carrier's addresses "
                + "with their ports, for example " + shown.get(0) + ":" + trunk.port() + ".");
    }

    /** Each warning as an HTTP {@code Warning} header (code 199), beside the saved trunk in the body. */
    static void headers(HttpServletResponse resp, List<String> warnings) {
        for (String w : warnings) {
            resp.addHeader("Warning", "199 switchboard \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    /** @return the address of a binding's source ("udp:203.0.113.5:5060", "tcp:[2001:db8::1]:5060"), or null */
    static InetAddress address(String source) {
        if (source == null) {
            return null;
        }
        String s = source.replaceFirst("^[a-z]+:", "");
        String host = s.startsWith("[") ? s.substring(1, Math.max(1, s.indexOf(']')))
                : s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0 ? s.substring(0, s.indexOf(':')) : s;
        if (!host.matches("[0-9a-fA-F.:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
