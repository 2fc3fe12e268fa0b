package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.switchboard.sip.api.provisioning.Trunk;

/**
 * The addresses of the enabled trunks, resolved off the SIP threads (every 30 s, on the switch's
 * timer), so that the guard's check before parsing never waits for DNS. A trunk is trusted on its
 * listed addresses and its host, on any port.
 */
public final class TrunkAddresses implements Predicate<InetAddress> {

    private final Supplier<List<Trunk>> trunks;
    private volatile Set<InetAddress> addresses = Set.of();

    public TrunkAddresses(Supplier<List<Trunk>> trunks) {
        this.trunks = trunks;
    }

    /** Resolves the trunks' hosts and addresses again. */
    public void refresh() {
        Set<InetAddress> fresh = new HashSet<>();
        for (Trunk t : trunks.get()) {
            if (!t.enabled()) {
                continue;
            }
            for (String entry : t.addresses().isEmpty() ? List.of(t.host()) : t.addresses()) {
                String host = entry;
                int colon = entry.lastIndexOf(':');
                if (colon > 0 && entry.indexOf(':') == colon) {
                    host = entry.substring(0, colon); // host:port; IPv6 literals have several colons
                }
                try {
                    fresh.addAll(List.of(InetAddress.getAllByName(host)));
                } catch (UnknownHostException e) {
                    // a name that does not resolve trusts nobody
                }
            }
        }
        addresses = Set.copyOf(fresh);
    }

    @Override
    public boolean test(InetAddress address) {
        return addresses.contains(address);
    }
}
