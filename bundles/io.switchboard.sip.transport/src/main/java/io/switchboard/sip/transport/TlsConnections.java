package io.switchboard.sip.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sip.SipProvider;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.switchboard.sip.api.provisioning.Trunk;

/**
 * A trunk's certificate is checked when its TLS connection is made, and jain-sip keeps that
 * connection (and the TLS session, which a new connection may resume) for every request after. When
 * the admin changes what the trunk trusts (its pin) or where it is, both are dropped before the trunk
 * is used again, so that the next request makes a new connection and is checked anew.
 */
public final class TlsConnections {

    private static final Logger LOG = System.getLogger(TlsConnections.class.getName());

    private final Function<String, SipProvider> providers;
    /** Each TLS trunk's host, port and pin when it was last used. */
    private final Map<String, String> used = new ConcurrentHashMap<>();

    public TlsConnections(Function<String, SipProvider> providers) {
        this.providers = providers;
    }

    /** Before a trunk is used: closes its connection when it was made under other settings. */
    public void check(Trunk t) {
        if (!"tls".equals(t.transport())) {
            return;
        }
        String now = t.host() + " " + t.port() + " " + t.tlsPin();
        String before = used.put(t.name(), now);
        if (before != null && !before.equals(now)) {
            String[] old = before.split(" ");
            close(t.name(), old[0], Integer.parseInt(old[1]));
        }
    }

    private void close(String trunk, String host, int port) {
        SipProvider provider = providers.apply("tls");
        if (provider == null || !(((SIPTransactionStack) provider.getSipStack()).getNetworkLayer() instanceof TlsLayer layer)) {
            return;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (layer.forget(host, new InetSocketAddress(a, port)) > 0) {
                    LOG.log(Level.INFO, "Trunk " + trunk + " changed: its TLS connection to " + a.getHostAddress() + ":"
                            + port + " is closed, the next one checks its certificate anew");
                }
            }
        } catch (UnknownHostException e) {
            LOG.log(Level.DEBUG, "Trunk " + trunk + "'s old host " + host + " no longer resolves: nothing to close");
        }
    }
}
