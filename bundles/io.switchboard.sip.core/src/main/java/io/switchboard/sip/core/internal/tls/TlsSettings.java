package io.switchboard.sip.core.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.core.internal.settings.SipSettings;

/** The switch's TLS from its settings and the certificate the launcher was given. */
public final class TlsSettings {

    /** Framework properties the launcher sets: the server's own certificate (PKCS#12) and its password. */
    public static final String KEYSTORE_PROPERTY = "switchboard.tls.keystore";
    public static final String PASSWORD_PROPERTY = "switchboard.tls.password";

    private TlsSettings() {
    }

    /** @throws IllegalArgumentException naming a setting that is wrong */
    static ConnectionGate gate(SipSettings config) {
        if (config.tcpMaxConnections() < 1 || config.tcpConnectionsPerSource() < 1
                || config.tcpConnectionsPerSource() > config.tcpMaxConnections()) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " tcpMaxConnections="
                    + config.tcpMaxConnections() + ", tcpConnectionsPerSource=" + config.tcpConnectionsPerSource()
                    + ": 1 or more, and no more per source than in all");
        }
        if (config.tcpFirstMessageSeconds() < 1 || config.tcpIdleSeconds() < config.tcpFirstMessageSeconds()) {
            throw new IllegalArgumentException("Invalid setting " + SipSettings.PID + " tcpFirstMessageSeconds="
                    + config.tcpFirstMessageSeconds() + ", tcpIdleSeconds=" + config.tcpIdleSeconds()
                    + ": 1 or more, and the idle time no shorter than the first message's");
        }
        return ConnectionGate.of(config.tcpMaxConnections(), config.tcpConnectionsPerSource(),
                config.tcpFirstMessageSeconds(), config.tcpIdleSeconds());
    }

    /** @throws IllegalArgumentException naming a setting that is wrong */
    public static TlsLayer layer(SipSettings config, BundleContext context, TrunkService trunks) {
        String setting = SipSettings.PID + " tlsTrustedCertificates";
        String extra = config.tlsTrustedCertificates() == null ? "" : config.tlsTrustedCertificates().trim();
        Path authorities = extra.isEmpty() ? null : Path.of(extra);
        if (authorities != null && !Files.isReadable(authorities)) {
            throw new IllegalArgumentException("Invalid setting " + setting + "=" + extra + ": no readable file");
        }
        CarrierTrust trust = new CarrierTrust(authorities, setting, CarrierTrust.trunks(trunks::trunks));
        ConnectionGate gate = gate(config);
        String keystore = context.getProperty(KEYSTORE_PROPERTY);
        if (keystore == null) {
            return new TlsLayer(null, trust, gate);
        }
        try {
            return new TlsLayer(new ServerKeys(Path.of(keystore),
                    context.getProperty(PASSWORD_PROPERTY).toCharArray()), trust, gate);
        } catch (IOException e) {
            throw new IllegalStateException("SIP over TLS has no certificate: " + e.getMessage(), e);
        }
    }
}
