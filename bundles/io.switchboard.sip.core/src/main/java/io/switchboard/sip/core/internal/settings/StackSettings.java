package io.switchboard.sip.core.internal.settings;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.switchboard.sip.core.internal.digest.Digest;
import io.switchboard.sip.stack.StackProperties;

/** The switch's settings checked and named when bad; the jain-sip stack's properties made from them. */
public final class StackSettings {

    private static final Logger LOG = System.getLogger(StackSettings.class.getName());

    private StackSettings() {
    }

    public static String setting(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + name + "=: must not be empty");
        }
        return value.trim();
    }

    public static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + name + "=" + value + ": must be 1 or more");
        }
        return value;
    }

    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + name + "=" + value + ": "
                    + min + " to " + max);
        }
        return value;
    }

    /** @return the pickup prefix: keypad characters (digits, * and #), or empty for no pickup */
    public static String pickupPrefix(String value) {
        String v = value == null ? "" : value.trim();
        if (!v.matches("[0-9*#]{0,8}")) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " pickupPrefix=" + value
                    + ": up to 8 of 0-9, * and #, or empty to turn pickup off");
        }
        return v;
    }

    /** @return account names: each a user name (letters, digits, . _ -), blank entries left out */
    public static Set<String> names(String name, String[] values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values == null ? new String[0] : values) {
            String n = v == null ? "" : v.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!n.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + name + "=" + v
                        + ": account names (letters, digits, . _ -)");
            }
            out.add(n);
        }
        return out;
    }

    /** @return the session interval: 0 (off) or at least RFC 4028's minimum of 90 s */
    public static int sessionExpires(int value) {
        if (value != 0 && value < 90) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " sessionExpires=" + value
                    + ": 0 (off) or 90 seconds or more (RFC 4028 Min-SE)");
        }
        return value;
    }

    public static List<Digest.Algorithm> algorithms(SipSettings config) {
        List<Digest.Algorithm> out = new ArrayList<>();
        for (String token : String.join(",", config.algorithms()).split(",")) {
            Digest.Algorithm a = token.isBlank() ? null : Digest.Algorithm.of(token.trim());
            if (a == null) {
                throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " algorithms=" + token
                        + ": SHA-256 or MD5");
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " algorithms: at least one of SHA-256, MD5");
        }
        return out;
    }

    /** @return the first non-loopback IPv4 address of this host, else 127.0.0.1 */
    public static String firstAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "Cannot list network interfaces: " + e.getMessage());
        }
        return "127.0.0.1";
    }

    /**
     * @param threads SIP threads serving UDP (see {@link StackProperties#of(String, int, String)})
     * @return the jain-sip stack's properties, the setting {@code stackLog} named when it is bad
     */
    public static Properties stackProperties(String name, int threads, String stackLog) {
        try {
            return StackProperties.of(name, threads, stackLog);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + e.getMessage(), e);
        }
    }
}
