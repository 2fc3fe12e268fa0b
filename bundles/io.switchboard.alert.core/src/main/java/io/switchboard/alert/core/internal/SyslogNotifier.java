package io.switchboard.alert.core.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertNotifier;

/** Sends each alert to a syslog server as an RFC 5424 message over UDP: {@code etc/io.switchboard.alert.syslog-noc.cfg}. */
@Component(service = AlertNotifier.class, configurationPid = SyslogNotifier.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SyslogNotifier.Config.class, factory = true)
public class SyslogNotifier implements AlertNotifier {

    static final String PID = "io.switchboard.alert.syslog";

    @ObjectClassDefinition(name = "Switchboard alert syslog")
    @interface Config {
        @AttributeDefinition(description = "The name rules use for it")
        String switchboard_alert_notifier() default "syslog";

        String host() default "127.0.0.1";

        int port() default 514;

        @AttributeDefinition(description = "Facility number: 16 to 23 are local0 to local7")
        int facility() default 16;
    }

    private final InetAddress host;
    private final int port;
    private final int facility;
    private final String hostname;

    @Activate
    public SyslogNotifier(Config config) throws IOException {
        if (config.facility() < 0 || config.facility() > 23) {
            throw new IllegalArgumentException("Invalid setting " + PID + " facility=" + config.facility() + ": 0 to 23");
        }
        this.host = InetAddress.getByName(config.host());
        this.port = config.port();
        this.facility = config.facility();
        this.hostname = InetAddress.getLocalHost().getHostName();
    }

    @Override
    public void notify(Alert alert) throws IOException {
        byte[] message = format(alert, facility, hostname, Instant.now()).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(message, message.length, host, port));
        }
    }

    /** RFC 5424: {@code <PRI>1 TIMESTAMP HOST switchboard - ALERT [sd] message}. */
    static String format(Alert alert, int facility, String hostname, Instant now) {
        int severity = !alert.firing() ? 5 : switch (alert.severity()) {
            case "critical" -> 2;
            case "major" -> 3;
            default -> 4;
        };
        return "<" + (facility * 8 + severity) + ">1 " + DateTimeFormatter.ISO_INSTANT.format(now) + " " + hostname
                + " switchboard - ALERT [alert@32473 id=\"" + alert.id() + "\" rule=\"" + escape(alert.rule())
                + "\" state=\"" + (alert.firing() ? "firing" : "resolved") + "\" subject=\"" + escape(alert.subject())
                + "\"] " + (alert.firing() ? "" : "Resolved: ") + alert.message();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }
}
