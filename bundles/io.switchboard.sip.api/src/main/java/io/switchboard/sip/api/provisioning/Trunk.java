package io.switchboard.sip.api.provisioning;

import java.util.List;

/**
 * A trunk to a carrier, as stored. Its password is never part of it: {@link #hasSecret()} says whether
 * one is set; {@link TrunkService#save} sets it. Its live state is {@link io.switchboard.sip.api.TrunkState}.
 *
 * @param name its name, 1 to 64 letters, digits, '.', '_' or '-'
 * @param host the carrier's host name or address
 * @param port the carrier's SIP port
 * @param transport "udp", "tcp" or "tls"
 * @param authUser the user name of the carrier's digest challenge, or null
 * @param hasSecret whether a password is stored (read only)
 * @param register whether the switch registers to the carrier
 * @param registerExpires the registration's lifetime asked for, in seconds
 * @param addresses where its calls come from ("203.0.113.5" any port, "203.0.113.5:5060" that port only);
 *            empty: its host on any port
 * @param callerId the number presented on calls out through it, or null for the caller's own
 * @param pai whether calls out carry P-Asserted-Identity
 * @param codecs the codecs allowed towards it (payload names), empty for any
 * @param maxChannels the most calls through it at once, 0 for no limit
 * @param probe whether it is probed with OPTIONS
 * @param enabled a disabled trunk takes no calls either way
 * @param tlsPin over TLS, the SHA-256 fingerprint of the one certificate the carrier may present (hex,
 *            colons optional), or null to verify it against the trusted authorities and its host name
 * @param mediaEncryption whether calls through it must, may or must not have SRTP media
 * @param version the stored version, raised by each change; 0 for one not stored. A change made against a version
 *            is refused when the stored trunk is at another ({@link TrunkService#save(Trunk, String, long)}, since
 *            1.7)
 */
public record Trunk(String name, String host, int port, String transport, String authUser, boolean hasSecret,
        boolean register, int registerExpires, List<String> addresses, String callerId, boolean pai,
        List<String> codecs, int maxChannels, boolean probe, boolean enabled, String tlsPin,
        MediaEncryption mediaEncryption, long version) {

    public Trunk {
        mediaEncryption = mediaEncryption == null ? MediaEncryption.OPTIONAL : mediaEncryption;
    }

    /** A trunk not stored yet, or whose version is not known (the record of version 1.6). */
    public Trunk(String name, String host, int port, String transport, String authUser, boolean hasSecret,
            boolean register, int registerExpires, List<String> addresses, String callerId, boolean pai,
            List<String> codecs, int maxChannels, boolean probe, boolean enabled, String tlsPin,
            MediaEncryption mediaEncryption) {
        this(name, host, port, transport, authUser, hasSecret, register, registerExpires, addresses, callerId, pai,
                codecs, maxChannels, probe, enabled, tlsPin, mediaEncryption, 0);
    }

    /** A trunk without a pinned certificate and with optional media encryption (the record of version 1.2). */
    public Trunk(String name, String host, int port, String transport, String authUser, boolean hasSecret,
            boolean register, int registerExpires, List<String> addresses, String callerId, boolean pai,
            List<String> codecs, int maxChannels, boolean probe, boolean enabled) {
        this(name, host, port, transport, authUser, hasSecret, register, registerExpires, addresses, callerId, pai,
                codecs, maxChannels, probe, enabled, null, MediaEncryption.OPTIONAL);
    }
}
