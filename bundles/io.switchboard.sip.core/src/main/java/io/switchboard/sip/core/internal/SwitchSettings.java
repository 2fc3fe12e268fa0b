package io.switchboard.sip.core.internal;

import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;

import io.switchboard.sip.core.internal.call.B2bua;
import io.switchboard.sip.core.internal.registrar.Registrar;
import io.switchboard.sip.core.internal.settings.SipSettings;
import io.switchboard.sip.core.internal.settings.StackSettings;
import io.switchboard.sip.stack.EdgeProxies;
import io.switchboard.sip.stack.Listener;
import io.switchboard.sip.transport.TransportSettings;

/**
 * The switch's settings read into what its parts take, each checked once at start: a bad value
 * stops the switch with the setting's name and what it may be, instead of a call failing later.
 */
final class SwitchSettings {

    private SwitchSettings() {
    }

    /** Checks the settings no part checks by itself. */
    static void check(SipSettings config) {
        if (config.journalLingerMillis() < 0) {
            throw invalid("journalLingerMillis", config.journalLingerMillis(), "0 or more");
        }
        if (threads(config) > 256) {
            throw invalid("threads", config.threads(), "at most 256");
        }
        if (config.ladderMessages() < 0) {
            throw invalid("ladderMessages", config.ladderMessages(), "0 (keep none) or more");
        }
    }

    /** @return the network layer's settings, with the certificate the launcher gave in framework properties */
    static TransportSettings transport(SipSettings config, BundleContext context) {
        String keystore = context.getProperty(Listener.TLS_KEYSTORE_PROPERTY);
        String password = context.getProperty(Listener.TLS_PASSWORD_PROPERTY);
        return new TransportSettings(SipSettings.PID, config.tcpMaxConnections(), config.tcpConnectionsPerSource(),
                config.tcpFirstMessageSeconds(), config.tcpIdleSeconds(), config.tlsTrustedCertificates(),
                keystore == null ? null : Path.of(keystore),
                keystore == null ? null : password == null ? new char[0] : password.toCharArray());
    }

    /** @return the proxies in front of the switch whose Via names the client (named in the error when one is no address) */
    static EdgeProxies edges(SipSettings config) {
        return EdgeProxies.parse(SipSettings.PID + " edgeProxies",
                List.of(config.edgeProxies()));
    }

    static int threads(SipSettings config) {
        return StackSettings.positive("threads", config.threads());
    }

    static Registrar.Limits registrar(SipSettings config) {
        Registrar.Limits limits = new Registrar.Limits(StackSettings.positive("minExpires", config.minExpires()),
                StackSettings.positive("maxExpires", config.maxExpires()),
                StackSettings.positive("defaultExpires", config.defaultExpires()),
                StackSettings.positive("maxContacts", config.maxContacts()));
        if (limits.minExpires() > limits.maxExpires()) {
            throw invalid("minExpires", limits.minExpires(), "at most maxExpires=" + limits.maxExpires());
        }
        return limits;
    }

    static B2bua.Limits calls(SipSettings config) {
        return new B2bua.Limits(StackSettings.positive("ringTimeout", config.ringTimeout()),
                StackSettings.positive("maxCalls", config.maxCalls()),
                StackSettings.positive("maxCallsInSetup", config.maxCallsInSetup()),
                StackSettings.positive("retryAfter", config.retryAfter()),
                StackSettings.sessionExpires(config.sessionExpires()),
                StackSettings.positive("emergencyCallsPerUser", config.emergencyCallsPerUser()));
    }

    /** @return the address the switch puts into its messages: the setting, or this machine's first one */
    static String advertised(SipSettings config) {
        return config.advertisedAddress() == null || config.advertisedAddress().isBlank()
                ? StackSettings.firstAddress() : config.advertisedAddress().trim();
    }

    private static IllegalArgumentException invalid(String name, long value, String allowed) {
        return new IllegalArgumentException("Invalid setting " + SipSettings.PID + " " + name + "=" + value + ": "
                + allowed);
    }
}
