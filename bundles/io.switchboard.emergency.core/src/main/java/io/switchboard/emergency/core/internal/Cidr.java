package io.switchboard.emergency.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network in CIDR form ("10.1.2.0/24", "2001:db8::/48"), which phones' packets come from.
 *
 * @param network its address bytes, host bits cleared
 * @param bits the prefix length
 */
record Cidr(byte[] network, int bits) {

    /** @throws IllegalArgumentException when the text is no network in CIDR form */
    static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 0 || !t.substring(0, slash).matches("[0-9a-fA-F:.]+") || !t.substring(slash + 1).matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("Invalid network '" + text + "': CIDR form, such as 10.1.2.0/24");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(t.substring(0, slash)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid network '" + text + "': CIDR form, such as 10.1.2.0/24");
        }
        int bits = Integer.parseInt(t.substring(slash + 1));
        if (bits > address.length * 8) {
            throw new IllegalArgumentException("Invalid network '" + text + "': a prefix of at most "
                    + address.length * 8 + " bits");
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            address[i] &= (byte) (0xff << (8 - keep));
        }
        return new Cidr(address, bits);
    }

    boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != network.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((b[i] & mask) != (network[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
