package io.switchboard.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS listening socket whose connections send each SIP message at once (TCP_NODELAY). jain-sip
 * never sets it, and the JDK's TLS server socket cannot: a 100 Trying and the answer after it waited
 * for the phone's delayed acknowledgement, and calls over TLS ran at half the rate of UDP. The
 * socket accepts plain connections and makes each a server-side TLS socket with the settings
 * jain-sip gave this one.
 */
final class TlsServerSocket extends SSLServerSocket {

    private final SSLSocketFactory factory;
    private SSLParameters parameters;
    private boolean clientMode;
    private boolean sessionCreation = true;

    private final ConnectionGate gate;

    TlsServerSocket(SSLSocketFactory factory, SSLParameters defaults, int port, int backlog, InetAddress address,
            ConnectionGate gate) throws IOException {
        super(port, backlog, address);
        this.factory = factory;
        this.parameters = defaults;
        this.gate = gate;
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = gate.admitted(socket -> implAccept(socket), false);
        try {
            plain.setTcpNoDelay(true);
            SSLSocket tls = (SSLSocket) factory.createSocket(plain, plain.getInetAddress().getHostAddress(),
                    plain.getPort(), true);
            synchronized (this) {
                tls.setUseClientMode(clientMode);
                tls.setSSLParameters(parameters);
                tls.setEnableSessionCreation(sessionCreation);
            }
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return parameters;
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters p) {
        parameters = p;
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return factory.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        try (SSLSocket probe = (SSLSocket) factory.createSocket()) {
            return probe.getSupportedProtocols();
        } catch (IOException e) {
            return parameters.getProtocols();
        }
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return parameters.getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return parameters.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return parameters.getWantClientAuth();
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        clientMode = mode;
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }
}
