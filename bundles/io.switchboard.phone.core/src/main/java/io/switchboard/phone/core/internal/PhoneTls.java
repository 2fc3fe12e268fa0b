package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.sip.PeerUnavailableException;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The phone's side of SIP over TLS: it connects to its server and checks the certificate shown,
 * either against the SHA-256 pin of its account or against the JVM's authorities and the server's
 * name. A phone presents no certificate, so the server must reach it over the connection the phone
 * opened: that connection leaves from the phone's own SIP port (SO_REUSEPORT, beside the listening
 * socket), the port its Contact and Via name, and the server's connection cache finds it there for
 * the requests it sends the phone (an INVITE, the ACK of the phone's 200) instead of opening one
 * the phone could not accept.
 */
final class PhoneTls implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private final SSLContext context;
    private final String serverName;
    private final boolean pinned;
    private volatile InetSocketAddress own;

    /** @param pin the account's pin (64 hex digits), or null for the JVM's authorities */
    PhoneTls(String serverName, String pin) {
        this.serverName = serverName;
        this.pinned = pin != null;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { pin != null ? new Pinned(pin) : jvmTrust() }, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS in this JVM: " + e.getMessage(), e);
        }
    }

    /** jain-sip's stack, with this layer set where the stack would load one by class name. */
    static SipStackImpl stack(Properties properties, PhoneTls layer) throws PeerUnavailableException {
        return new SipStackImpl(properties) {
            {
                this.networkLayer = layer;
            }
        };
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress local) throws IOException {
        Socket socket = new Socket();
        try {
            InetSocketAddress from = own;
            if (from != null) {
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                socket.setReuseAddress(true);
                socket.bind(from);
            } else if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, serverName, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
            if (!pinned) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 5922: the name in the certificate
            }
            ssl.setSSLParameters(parameters);
            return ssl;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress address) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, port), backlog);
        own = new InetSocketAddress(address, port);
        return server;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return plain.createServerSocket(port, backlog, address);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local) throws IOException {
        return plain.createSocket(address, port, local);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return plain.createSocket(address, port, local, localPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress address) throws SocketException {
        return plain.createDatagramSocket(port, address);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // the settings came in the constructor
    }

    private static X509TrustManager jvmTrust() throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        for (TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }

    /** Trusts the one certificate whose SHA-256 fingerprint is the pin, whoever signed it. */
    private static final class Pinned implements X509TrustManager {
        private final String pin;

        Pinned(String pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String shown = fingerprint(chain[0]);
            if (!shown.equals(pin)) {
                throw new CertificateException("the server shows the certificate SHA-256 " + shown
                        + ", not the pinned " + pin);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a phone takes no TLS clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static String fingerprint(X509Certificate c) throws CertificateException {
            try {
                return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(c.getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }
    }
}
