package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of networks in CIDR form ("203.0.113.0/24", "2001:db8::/32", or one address), IPv4 and IPv6.
 * Only literal addresses are accepted: a host name would make every check a DNS look-up.
 */
public final class Networks {

    private record Network(byte[] prefix, int bits, String text) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private final List<Network> networks;

    private Networks(List<Network> networks) {
        this.networks = networks;
    }

    /**
     * @param setting the setting's name, for the message that names a bad entry
     * @throws IllegalArgumentException naming the setting and the entry that is no network
     */
    public static Networks parse(String setting, List<String> entries) {
        List<Network> parsed = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!address.matches("[0-9a-fA-F:.]+") || (!address.contains(".") && !address.contains(":"))) {
                throw bad(setting, entry, "not an IP address");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress(); // a literal: no look-up
            } catch (UnknownHostException e) {
                throw bad(setting, entry, "not an IP address");
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw bad(setting, entry, "the prefix length is no number");
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw bad(setting, entry, "the prefix length is not 0 to " + bytes.length * 8);
                }
            }
            parsed.add(new Network(bytes, bits, entry));
        }
        return new Networks(List.copyOf(parsed));
    }

    private static IllegalArgumentException bad(String setting, String entry, String why) {
        return new IllegalArgumentException("Invalid setting " + setting + " entry '" + entry + "': " + why
                + " (write 203.0.113.0/24, 2001:db8::/32 or one address)");
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Network n : networks) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** @return the networks as they were written */
    public List<String> entries() {
        return networks.stream().map(Network::text).toList();
    }
}
