package io.switchboard.phone.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A SIP account of the phone.
 *
 * @param user the user part of the address of record (alice in sip:alice@example.net)
 * @param domain the domain of the address of record
 * @param password the digest password; never logged
 * @param proxyHost where requests go: the server's address
 * @param proxyPort its SIP port
 * @param transport UDP, TCP or TLS
 * @param displayName shown to the called party, or null
 * @param registerSeconds the registration's lifetime asked for, 0 to place calls without registering
 * @param tlsPin over TLS, the SHA-256 fingerprint of the server's certificate to trust (hex, colons
 *        optional), for a server whose certificate no authority the JVM trusts has signed; null to
 *        trust the JVM's authorities and check the server's name. Since 1.2.
 */
public record PhoneAccount(String user, String domain, String password, String proxyHost, int proxyPort,
        Transport transport, String displayName, int registerSeconds, String tlsPin) {

    /** An account without a pinned certificate. */
    public PhoneAccount(String user, String domain, String password, String proxyHost, int proxyPort,
            Transport transport, String displayName, int registerSeconds) {
        this(user, domain, password, proxyHost, proxyPort, transport, displayName, registerSeconds, null);
    }

    public PhoneAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(proxyHost, "proxyHost");
        Objects.requireNonNull(transport, "transport");
        if (proxyPort <= 0 || proxyPort > 65535) {
            throw new IllegalArgumentException("proxyPort " + proxyPort + " is not a port");
        }
        if (registerSeconds < 0) {
            throw new IllegalArgumentException("registerSeconds must not be negative");
        }
        if (tlsPin != null) {
            tlsPin = tlsPin.replace(":", "").toUpperCase(Locale.ROOT);
            if (!tlsPin.matches("[0-9A-F]{64}")) {
                throw new IllegalArgumentException("tlsPin must be a SHA-256 fingerprint: 64 hex digits");
            }
        }
    }

    /** @return sip:user@domain */
    public String addressOfRecord() {
        return "sip:" + user + "@" + domain;
    }

    /** The password stays out of logs and exceptions. */
    @Override
    public String toString() {
        return "PhoneAccount[" + addressOfRecord() + " via " + proxyHost + ":" + proxyPort + "/" + transport + "]";
    }
}
