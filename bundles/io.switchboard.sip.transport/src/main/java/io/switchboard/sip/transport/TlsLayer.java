package io.switchboard.sip.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The sockets jain-sip opens, with Switchboard's TLS and keep-alives: UDP listening points answer
 * STUN ({@link KeepAliveSocket}); TLS listening points present {@link ServerKeys}
 * (reloaded when renewed), and connections out check the far end with {@link CarrierTrust} and, for a
 * trunk without a pin, its host name; connections in pass the {@link ConnectionGate}. jain-sip's own layer took one keystore and trust store from
 * system properties for the whole JVM, trusted by authority only and never checked a host name.
 */
public final class TlsLayer implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MILLIS = 8000;
    private static final int PEERS_KEPT = 1000;

    private final ConnectionGate gate;
    private final ServerKeys keys;
    /** Made at the first TLS socket: a switch without TLS does not wait at its start for the JDK's TLS to load. */
    private volatile SSLContext context;
    private final CarrierTrust trust;
    private final boolean serves;
    /** Listening points with a certificate of their own, by address|port. */
    private final Map<String, SSLContext> own = new ConcurrentHashMap<>();
    /** The connections made to each peer, for {@link #forget} (jain-sip's own closing misses TLS). */
    private final Map<InetSocketAddress, Set<SSLSocket>> opened =
            new ConcurrentHashMap<>();

    /** @param keys the server's certificate, or null when it has none (no TLS listening point, no client certificate) */
    TlsLayer(ServerKeys keys, CarrierTrust trust) {
        this(keys, trust, ConnectionGate.DEFAULT);
    }

    /** @param gate who may hold a connection to the switch's TCP and TLS listening points */
    TlsLayer(ServerKeys keys, CarrierTrust trust, ConnectionGate gate) {
        this.gate = gate;
        this.trust = trust;
        this.serves = keys != null;
        this.keys = keys;
    }

    /**
     * jain-sip's own layer, for the plain sockets made out, reached at the first: it loads the JDK's TLS when
     * it is made, which a switch without TLS should not wait for at its start.
     */
    private static NetworkLayer plain() {
        return DefaultNetworkLayer.SINGLETON;
    }

    private SSLContext context() {
        SSLContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = context(keys, trust);
                    context = c;
                }
            }
        }
        return c;
    }

    private static SSLContext context(ServerKeys keys, CarrierTrust trust) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys == null ? null : new KeyManager[] { keys }, new TrustManager[] { trust }, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS in this JVM: " + e.getMessage(), e);
        }
    }

    /** A listening point with a certificate of its own: its socket, made next, presents that one. */
    public void serve(String address, int port, ServerKeys keys) {
        own.put(address + "|" + port, context(keys, trust));
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress address) throws IOException {
        SSLContext point = own.getOrDefault(address.getHostAddress() + "|" + port, serves ? context() : null);
        if (point == null) {
            throw new IOException("No certificate for SIP over TLS: start the server with --tls-cert and --tls-key");
        }
        return new TlsServerSocket(point.getSocketFactory(), point.getDefaultSSLParameters(), port, backlog, address,
                gate);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    /** A trunk's connection names its host, so that SNI tells the carrier which certificate to present and the JDK checks it. */
    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress local) throws IOException {
        Optional<CarrierTrust.Peer> peer = trust.peer(address, port);
        Socket socket = new Socket();
        try {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.setTcpNoDelay(true); // a SIP message goes whole and at once, as TlsServerSocket's do
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            String host = peer.map(CarrierTrust.Peer::host).orElse(address.getHostAddress());
            SSLSocket ssl = (SSLSocket) context().getSocketFactory().createSocket(socket, host, port, true);
            if (peer.isPresent() && peer.get().pin() == null) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 5922: the name in the certificate
                ssl.setSSLParameters(parameters);
            }
            if (opened.size() > PEERS_KEPT) {
                // peers whose connections have all closed (phones reached once) are forgotten
                opened.values().removeIf(set -> {
                    set.removeIf(Socket::isClosed);
                    return set.isEmpty();
                });
            }
            Set<SSLSocket> to = opened.computeIfAbsent(new InetSocketAddress(address, port),
                    k -> ConcurrentHashMap.newKeySet());
            to.removeIf(Socket::isClosed);
            to.add(ssl);
            return ssl;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Forgets what was agreed with a peer: its connections are closed and its TLS sessions dropped
     * (a resumed session skips the certificate check), so that the next request is checked anew.
     *
     * @param host the name the connections were made under (a trunk's host)
     * @return how many open connections were closed
     */
    int forget(String host, InetSocketAddress peer) {
        SSLSessionContext sessions = context().getClientSessionContext();
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null && session.getPeerPort() == peer.getPort()
                    && (host.equals(session.getPeerHost()) || peer.getAddress().getHostAddress().equals(session.getPeerHost()))) {
                session.invalidate();
            }
        }
        Set<SSLSocket> sockets = opened.remove(peer);
        int closed = 0;
        for (SSLSocket s : sockets == null ? Set.<SSLSocket>of() : sockets) {
            if (!s.isClosed()) {
                try {
                    s.close();
                    closed++;
                } catch (IOException e) {
                    // closing it was the point
                }
            }
        }
        return closed;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return gate.serverSocket(port, backlog, address);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain().createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local) throws IOException {
        return plain().createSocket(address, port, local);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return plain().createSocket(address, port, local, localPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain().createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress address) throws SocketException {
        return address.isMulticastAddress() ? plain().createDatagramSocket(port, address)
                : new KeepAliveSocket(new InetSocketAddress(address, port));
    }

    /** @return the connections open to the switch now, and refused since the start */
    public ConnectionGate.Counts connections() {
        return gate.counts();
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // nothing of the stack's is needed: the settings came in the constructor
    }
}
