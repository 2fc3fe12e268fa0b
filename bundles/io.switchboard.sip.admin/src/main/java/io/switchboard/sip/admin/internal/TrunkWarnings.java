package io.switchboard.sip.admin.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

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

    private final Supplier<List<PhoneBinding>> phones;
    private List<PhoneBinding> bindings;

    /** @param phones the registrations, read at the first trunk that needs them */
    TrunkWarnings(Supplier<List<PhoneBinding>> phones) {
        this.phones = phones;
    }

    /**
     * @return the trunk's warnings; only a host written as an address is judged, so that a request never
     *         waits for a name to resolve (the switch resolves carriers' names off its threads)
     */
    List<String> of(Trunk trunk) {
        if (!trunk.enabled() || !trunk.addresses().isEmpty() || trunk.host() == null) {
            return List.of();
        }
        InetAddress host = address(trunk.host());
        if (host == null) {
            return List.of();
        }
        if (bindings == null) {
            bindings = phones.get();
        }
        List<String> users = bindings.stream().filter(b -> host.equals(source(b.source())))
                .map(PhoneBinding::username).distinct().sorted().toList();
        if (users.isEmpty() && !host.isLoopbackAddress()) {
            return List.of();
        }
        String more = users.size() > NAMED ? " and " + (users.size() - NAMED) + " more" : "";
        String who = users.isEmpty() ? "the switch's own machine, where the console's softphone and local phones are,"
                : "the phones of " + String.join(", ", users.subList(0, Math.min(NAMED, users.size()))) + more
                        + " register from it";
        String shown = host.getHostAddress();
        return List.of("Trunk '" + trunk.name() + "' lists no addresses, so every request from "
                + shown + " on any port is taken as the carrier's: " + who
                + ", and their calls would be taken for the carrier's and refused. List the carrier's addresses "
                + "with their ports, for example " + (shown.contains(":") ? "[" + shown + "]" : shown) + ":"
                + trunk.port() + ".");
    }

    /** Each warning as an HTTP {@code Warning} header (code 199), beside the saved trunk in the body. */
    static void headers(HttpServletResponse resp, List<String> warnings) {
        for (String w : warnings) {
            resp.addHeader("Warning", "199 switchboard \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    /** @return the address of a binding's source ("udp:203.0.113.5:5060", "tcp:[2001:db8::1]:5060"), or null */
    static InetAddress source(String source) {
        if (source == null) {
            return null;
        }
        String s = source.replaceFirst("^[a-z]+:", "");
        return address(s.startsWith("[") ? s.substring(1, Math.max(1, s.indexOf(']')))
                : s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0 ? s.substring(0, s.indexOf(':')) : s);
    }

    /** @return a host written as an address, without a lookup; null for a name */
    static InetAddress address(String host) {
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
