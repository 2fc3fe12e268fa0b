package io.switchboard.sip.stack;

import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import gov.nist.core.net.SecurityManagerProvider;

/**
 * jain-sip's own TLS keys and trust: none. Switchboard's network layers make a stack's TLS sockets
 * with their own (the switch's {@code TlsLayer}, the phone's), and jain-sip's default provider loaded
 * the JDK's key and trust stores for every stack made, a tenth of a second of a server's start, only to
 * leave them unused. Only jain-sip's NIO TLS transports ask it, which Switchboard does not run; should
 * one ever ask, no managers means the JDK's defaults (and no certificate of the switch's own).
 */
public final class NoStackTls implements SecurityManagerProvider {

    /** The stack property that names this class; jain-sip makes it by name (its bundle imports this package). */
    static final String PROPERTY = "gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER";

    @Override
    public void init(Properties properties) {
        // nothing to load
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return null;
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return null;
    }
}
