package io.switchboard.alert.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.RuleKind;

/** The syslog notifier to a UDP socket of the test's, as a syslog server receives it (RFC 5424). */
class SyslogNotifierTest {

    @Test
    void anAlertArrivesAsAnRfc5424MessageWithItsSeverity() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            SyslogNotifier notifier = new SyslogNotifier(config("127.0.0.1", server.getLocalPort(), 16));
            notifier.notify(new Alert(7, "trunk-down", RuleKind.TRUNK_DOWN, "carrier \"b\"", "critical", true,
                    "Trunk carrier b is down", null, null, Instant.parse("2026-11-24T10:00:00Z"), null, List.of()));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            server.receive(p);
            String message = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertTrue(message.startsWith("<130>1 "), "local0 (16 * 8) + critical (2): " + message);
            assertTrue(message.contains(" switchboard - ALERT [alert@32473 id=\"7\" rule=\"trunk-down\" "
                    + "state=\"firing\" subject=\"carrier \\\"b\\\"\"] Trunk carrier b is down"), message);
            notifier.notify(new Alert(7, "trunk-down", RuleKind.TRUNK_DOWN, "b", "critical", false, "Trunk b is up",
                    null, null, Instant.now(), Instant.now(), List.of()));
            server.receive(p);
            String resolved = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertTrue(resolved.startsWith("<133>1 ") && resolved.endsWith("Resolved: Trunk b is up"), resolved);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new SyslogNotifier(config("127.0.0.1", 514, 30)));
        assertEquals("Invalid setting io.switchboard.alert.syslog facility=30: 0 to 23", bad.getMessage());
    }

    private static SyslogNotifier.Config config(String host, int port, int facility) {
        return new SyslogNotifier.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SyslogNotifier.Config.class;
            }

            @Override
            public String switchboard_alert_notifier() {
                return "syslog";
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int facility() {
                return facility;
            }
        };
    }
}
