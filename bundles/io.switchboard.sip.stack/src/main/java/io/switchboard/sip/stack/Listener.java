package io.switchboard.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.switchboard.sip.transport.ServerKeys;

/**
 * One listening point, from a factory configuration {@value #FACTORY_PID}-NAME.cfg: transport
 * (udp, tcp, or tls with a certificate of its own or the server's), address and port. The SIP server picks each one up as it appears and drops it as it goes.
 */
@Component(service = Listener.class, configurationPid = Listener.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Listener.Config.class, factory = true)
public class Listener {

    static final String FACTORY_PID = "io.switchboard.sip.listener";
    /** Framework property with the default SIP port (the launcher's --sip-port). */
    static final String PORT_PROPERTY = "switchboard.sip.port";
    /** Framework properties with the server's certificate (the launcher's --tls-cert), for TLS points. */
    public static final String TLS_KEYSTORE_PROPERTY = "switchboard.tls.keystore";
    public static final String TLS_PASSWORD_PROPERTY = "switchboard.tls.password";

    @ObjectClassDefinition(name = "Switchboard SIP listening point")
    @interface Config {
        /** No default: a file read while empty or half-written must not become a second UDP point. */
        @AttributeDefinition(name = "Transport", options = { @Option(value = "udp"),
                @Option(value = "tcp"),
                @Option(value = "tls") },
                description = "tls serves its own certificate, else the server's (--tls-cert and --tls-key); "
                        + "its port is usually 5061")
        String transport();

        @AttributeDefinition(name = "Certificate", description = "tls only: this point's certificate chain (PEM, "
                + "with privateKey) or a PKCS#12 keystore (with keystorePassword); read again when it changes. "
                + "Empty: the server's certificate")
        String certificate() default "";

        @AttributeDefinition(name = "Private key", type = AttributeType.PASSWORD,
                description = "tls only: the certificate's key, PEM (PKCS#8)")
        String privateKey() default "";

        @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD,
                description = "tls only: opens a PKCS#12 certificate; set as .keystorePassword, a private property "
                        + "no plugin can read from the service registry")
        String _keystorePassword() default "";

        @AttributeDefinition(name = "Keystore password (old name)",
                type = AttributeType.PASSWORD,
                description = "Still read, with a warning: any bundle could read it; use .keystorePassword")
        String keystorePassword() default "";

        @AttributeDefinition(name = "Address", description = "0.0.0.0 for all IPv4 addresses, :: for IPv6")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Port", description = "0: the server's SIP port (--sip-port, default 5060)",
                min = "0", max = "65535")
        int port() default 0;
    }

    private final String transport;
    private final String address;
    /** The address as jain-sip spells it back (::1 is 0:0:0:0:0:0:0:1). */
    private final String stackAddress;
    private final int port;
    /** The settings file (or PID) this point comes from, to name in messages. */
    private final String source;
    /** The configuration's PID: the same file read again has the same one. */
    private final String pid;
    /** What is wrong with these settings, or null when they are valid. */
    private final String problem;
    /** A TLS point's own certificate, or null for the server's. */
    private final ServerKeys keys;
    /** The certificate settings: a point whose files are other ones is not the same point. */
    private final String certificate;
    /** The in-memory keystore a PEM pair is read into needs a password; it is never written anywhere. */
    private static final char[] OWN_PASSWORD = UUID.randomUUID().toString().toCharArray();

    /**
     * Settings that are not valid still make a Listener, one that names its problem: the switch
     * logs it, opens nothing for it, and keeps the point of the same file's last valid settings
     * open, so that a file read while empty or half-written never closes a working socket.
     */
    @Activate
    public Listener(BundleContext context, Config config, Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault("felix.fileinstall.filename",
                properties.getOrDefault("service.pid", FACTORY_PID)));
        this.source = name.substring(name.lastIndexOf('/') + 1);
        this.pid = String.valueOf(properties.getOrDefault("service.pid", name));
        String t = config.transport() == null ? "" : config.transport().toLowerCase(Locale.ROOT).trim();
        String a = config.address() == null ? "0.0.0.0" : config.address().trim();
        String resolved = null;
        String why = null;
        try {
            resolved = InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            why = "address=" + a + ": not an address of this host (0.0.0.0, :: or one address)";
        }
        int p = config.port();
        if (p == 0) {
            String fromLauncher = context.getProperty(PORT_PROPERTY);
            p = fromLauncher == null ? 5060 : Integer.parseInt(fromLauncher);
        }
        if (p < 1 || p > 65535) {
            why = "port=" + p + ": 1 to 65535, or 0 for the server's SIP port";
        }
        if (t.isEmpty()) {
            why = "transport: missing (udp, tcp or tls)";
        } else if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
            why = "transport=" + config.transport() + ": udp, tcp or tls";
        }
        ServerKeys own = null;
        String certificate = config.certificate() == null ? "" : config.certificate().trim();
        String key = config.privateKey() == null ? "" : config.privateKey().trim();
        if (why == null && t.equals("tls") && !certificate.isEmpty()) {
            for (String file : key.isEmpty() ? List.of(certificate) : List.of(certificate, key)) {
                if (!Files.isReadable(Path.of(file))) {
                    why = (file.equals(certificate) ? "certificate=" : "privateKey=") + file + ": no readable file";
                }
            }
        }
        if (why == null && t.equals("tls") && !certificate.isEmpty()) {
            char[] password = (key.isEmpty() ? keystorePassword(config) : "").toCharArray();
            try {
                own = new ServerKeys(Path.of(certificate), key.isEmpty() ? null : Path.of(key),
                        key.isEmpty() ? password : OWN_PASSWORD);
            } catch (IOException | RuntimeException e) {
                why = "certificate=" + certificate + (key.isEmpty() ? "" : ", privateKey=" + key) + ": " + e.getMessage();
            }
        } else if (why == null && t.equals("tls") && context.getProperty(TLS_KEYSTORE_PROPERTY) == null) {
            why = "transport=tls: no certificate; name one in certificate and privateKey, or start the server "
                    + "with --tls-cert and --tls-key (SWITCHBOARD_TLS_CERT, SWITCHBOARD_TLS_KEY)";
        }
        this.keys = own;
        this.certificate = certificate + "|" + key;
        this.transport = t;
        this.address = a;
        this.stackAddress = resolved == null ? a : resolved;
        this.port = p;
        this.problem = why == null ? null : "Invalid setting " + FACTORY_PID + " " + why + " in " + source;
    }

    /** @return a TLS point's own certificate, or null when it serves the server's */
    ServerKeys keys() {
        return keys;
    }

    /** @return what is wrong with these settings, or null when they are valid */
    String problem() {
        return problem;
    }

    String pid() {
        return pid;
    }

    String transport() {
        return transport;
    }

    String address() {
        return address;
    }

    /**
     * @return the address in the spelling jain-sip writes back: it keys its listening points by the
     *         text they were made with but deletes them by this one
     */
    String stackAddress() {
        return stackAddress;
    }

    int port() {
        return port;
    }

    /** @return the settings file (or configuration PID) of this point */
    String source() {
        return source;
    }

    /** @return true when this point is the very socket the other one names (same transport, address, port) */
    boolean sameSocketAs(Listener other) {
        return transport.equals(other.transport) && port == other.port && stackAddress.equals(other.stackAddress)
                && certificate.equals(other.certificate);
    }

    /**
     * @return true when both would bind one port of one transport on overlapping addresses (one of
     *         them the wildcard of the same family): the second bind fails or steals the first's traffic
     */
    boolean overlaps(Listener other) {
        if (!transport.equals(other.transport) || port != other.port) {
            return false;
        }
        boolean v6 = stackAddress.contains(":");
        boolean otherV6 = other.stackAddress.contains(":");
        return stackAddress.equals(other.stackAddress) || (v6 == otherV6 && (wildcard() || other.wildcard()));
    }

    private boolean wildcard() {
        return stackAddress.equals("0.0.0.0") || stackAddress.equals("0:0:0:0:0:0:0:0");
    }

    @Override
    public String toString() {
        return transport + ":" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    private static String keystorePassword(Config config) {
        if (config._keystorePassword().isEmpty() && !config.keystorePassword().isEmpty()) {
            System.getLogger(Listener.class.getName()).log(System.Logger.Level.WARNING, "Setting keystorePassword of "
                    + "a listening point is visible to every bundle through the service registry: rename it "
                    + ".keystorePassword");
            return config.keystorePassword();
        }
        return config._keystorePassword();
    }
}
