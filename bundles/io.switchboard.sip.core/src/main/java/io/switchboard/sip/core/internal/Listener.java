package io.switchboard.sip.core.internal;

import java.util.Locale;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One listening point, from a factory configuration {@value #FACTORY_PID}-NAME.cfg: transport,
 * address and port. The SIP server picks each one up as it appears and drops it as it goes.
 */
@Component(service = Listener.class, configurationPid = Listener.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Listener.Config.class, factory = true)
public class Listener {

    static final String FACTORY_PID = "io.switchboard.sip.listener";
    /** Framework property with the default SIP port (the launcher's --sip-port). */
    static final String PORT_PROPERTY = "switchboard.sip.port";

    @ObjectClassDefinition(name = "Switchboard SIP listening point")
    @interface Config {
        @AttributeDefinition(name = "Transport", options = { @org.osgi.service.metatype.annotations.Option(value = "udp"),
                @org.osgi.service.metatype.annotations.Option(value = "tcp") })
        String transport() default "udp";

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

    @Activate
    public Listener(BundleContext context, Config config, Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault("felix.fileinstall.filename", FACTORY_PID));
        this.transport = config.transport().toLowerCase(Locale.ROOT).trim();
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("Invalid setting " + FACTORY_PID + " transport=" + config.transport()
                    + " in " + name + ": udp or tcp (TLS comes with the security work)");
        }
        this.address = config.address().trim();
        try {
            this.stackAddress = java.net.InetAddress.getByName(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("Invalid setting " + FACTORY_PID + " address=" + config.address()
                    + " in " + name + ": not an address of this host (0.0.0.0, :: or one address)", e);
        }
        int p = config.port();
        if (p == 0) {
            String fromLauncher = context.getProperty(PORT_PROPERTY);
            p = fromLauncher == null ? 5060 : Integer.parseInt(fromLauncher);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("Invalid setting " + FACTORY_PID + " port=" + p + " in " + name);
        }
        this.port = p;
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

    @Override
    public String toString() {
        return transport + ":" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
