package io.switchboard.sip.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.switchboard.sip.api.provisioning.TrunkService;

/**
 * The switch's network layer as its settings describe it: the limits on connections in, the
 * authorities trusted besides the JVM's, and the server's own certificate from the launcher.
 *
 * @param pid the settings' PID, to name a wrong setting
 * @param tlsTrustedCertificates a PEM file of authorities trusted for trunks besides the JVM's, or blank
 * @param keystore the server's certificate (PKCS#12), or null when it has none
 * @param password the keystore's password, or null without one
 */
public record TransportSettings(String pid, int tcpMaxConnections, int tcpConnectionsPerSource,
        int tcpFirstMessageSeconds, int tcpIdleSeconds, String tlsTrustedCertificates, Path keystore,
        char[] password) {

    /**
     * @return the connection gate of these limits
     * @throws IllegalArgumentException naming a setting that is wrong
     */
    public ConnectionGate gate() {
        if (tcpMaxConnections < 1 || tcpConnectionsPerSource < 1 || tcpConnectionsPerSource > tcpMaxConnections) {
            throw new IllegalArgumentException("Invalid setting " + pid + " tcpMaxConnections=" + tcpMaxConnections
                    + ", tcpConnectionsPerSource=" + tcpConnectionsPerSource
                    + ": 1 or more, and no more per source than in all");
        }
        if (tcpFirstMessageSeconds < 1 || tcpIdleSeconds < tcpFirstMessageSeconds) {
            throw new IllegalArgumentException("Invalid setting " + pid + " tcpFirstMessageSeconds="
                    + tcpFirstMessageSeconds + ", tcpIdleSeconds=" + tcpIdleSeconds
                    + ": 1 or more, and the idle time no shorter than the first message's");
        }
        return ConnectionGate.of(tcpMaxConnections, tcpConnectionsPerSource, tcpFirstMessageSeconds, tcpIdleSeconds);
    }

    /**
     * @param trunks the trunks, whose pins and host names a connection out is checked against
     * @throws IllegalArgumentException naming a setting that is wrong
     */
    public TlsLayer layer(TrunkService trunks) {
        String setting = pid + " tlsTrustedCertificates";
        String extra = tlsTrustedCertificates == null ? "" : tlsTrustedCertificates.trim();
        Path authorities = extra.isEmpty() ? null : Path.of(extra);
        if (authorities != null && !Files.isReadable(authorities)) {
            throw new IllegalArgumentException("Invalid setting " + setting + "=" + extra + ": no readable file");
        }
        CarrierTrust trust = new CarrierTrust(authorities, setting, CarrierTrust.trunks(trunks::trunks));
        ConnectionGate gate = gate();
        if (keystore == null) {
            return new TlsLayer(null, trust, gate);
        }
        try {
            return new TlsLayer(new ServerKeys(keystore, password), trust, gate);
        } catch (IOException e) {
            throw new IllegalStateException("SIP over TLS has no certificate: " + e.getMessage(), e);
        }
    }
}
