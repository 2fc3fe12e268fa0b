package io.switchboard.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.switchboard.sip.api.provisioning.Trunk;

/**
 * Whom the switch trusts when it opens a TLS connection: a trunk with a pinned certificate only that
 * certificate (its SHA-256 fingerprint), any other peer a chain to an authority the JVM trusts or
 * that the {@code tlsTrustedCertificates} setting adds; the host name is checked by the socket
 * ({@link TlsLayer} asks for it). A refusal names the trunk and both fingerprints, so that the admin
 * can tell a renewed certificate from a stranger.
 */
final class CarrierTrust extends X509ExtendedTrustManager {

    /** The trunk a connection goes to: its name, host name and pin (null: the authorities decide). */
    public record Peer(String trunk, String host, String pin) {
    }

    private final List<? extends Certificate> extra;
    private final Function<InetSocketAddress, Optional<Peer>> peers;
    /** Made at the first check: the JVM's authorities take a tenth of a second to load, no start's business. */
    private volatile List<X509ExtendedTrustManager> authorities;

    /**
     * @param extra a PEM file of further authorities, or null
     * @param peers the trunk an address and port belong to
     * @throws IllegalArgumentException naming the setting when the file holds no certificate
     */
    public CarrierTrust(Path extra, String setting, Function<InetSocketAddress, Optional<Peer>> peers) {
        this.peers = peers;
        this.extra = extra == null ? List.of() : read(extra, setting);
    }

    private List<X509ExtendedTrustManager> authorities() {
        List<X509ExtendedTrustManager> managers = authorities;
        if (managers == null) {
            synchronized (this) {
                managers = authorities;
                if (managers == null) {
                    managers = load(extra);
                    authorities = managers;
                }
            }
        }
        return managers;
    }

    private static List<X509ExtendedTrustManager> load(List<? extends Certificate> extra) {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        try {
            managers.add(managerOf(null));
            if (!extra.isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate c : extra) {
                    ks.setCertificateEntry("extra-" + i++, c);
                }
                managers.add(managerOf(ks));
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
        return List.copyOf(managers);
    }

    private static List<? extends Certificate> read(Path file, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(in));
            if (!certs.isEmpty()) {
                return certs;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Invalid setting " + setting + "=" + file + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("Invalid setting " + setting + "=" + file + ": no PEM certificate in it");
    }

    private static X509ExtendedTrustManager managerOf(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    /** @return the TLS trunk at an address and port: one whose host name resolves to the address */
    public static Function<InetSocketAddress, Optional<Peer>> trunks(
            Supplier<List<Trunk>> trunks) {
        return address -> trunks.get().stream()
                .filter(t -> "tls".equals(t.transport()) && t.port() == address.getPort() && at(t.host(), address))
                .findFirst().map(t -> new Peer(t.name(), t.host(), t.tlsPin()));
    }

    private static boolean at(String host, InetSocketAddress address) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.equals(address.getAddress())) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            // a trunk whose name does not resolve now is not this peer
        }
        return false;
    }

    /** @return the trunk behind this address, for the socket to check its host name */
    Optional<Peer> peer(InetAddress address, int port) {
        return peers.apply(new InetSocketAddress(address, port));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        Optional<Peer> peer = peer(socket.getInetAddress(), socket.getPort());
        if (peer.isPresent() && peer.get().pin() != null) {
            pinned(chain, peer.get());
            return;
        }
        CertificateException last = null;
        for (X509ExtendedTrustManager m : authorities()) {
            try {
                m.checkServerTrusted(chain, authType, socket);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw new CertificateException((peer.isPresent() ? "Trunk " + peer.get().trunk() : socket.getInetAddress()
                + ":" + socket.getPort()) + " presented " + ServerKeys.describe(chain[0])
                + ", which no trusted authority vouches for: " + last.getMessage(), last);
    }

    private static void pinned(X509Certificate[] chain, Peer peer) throws CertificateException {
        String presented = ServerKeys.fingerprint(chain[0]);
        if (!presented.equalsIgnoreCase(peer.pin())) {
            throw new CertificateException("Trunk " + peer.trunk() + " presented " + ServerKeys.describe(chain[0])
                    + ", not its pinned certificate SHA-256 " + peer.pin());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("SIP over TLS uses sockets here, not engines");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("A carrier's certificate is checked with its connection");
    }

    /** Phones present no certificate (client authentication is off); one that does is not trusted by it. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        authorities().get(0).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        authorities().get(0).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        authorities().get(0).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities().stream().flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
