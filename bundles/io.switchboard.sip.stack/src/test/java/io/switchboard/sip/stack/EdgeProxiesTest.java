package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPRequest;

class EdgeProxiesTest {

    private static SIPRequest request(String fromAddress, int fromPort, String... vias) throws Exception {
        StringBuilder text = new StringBuilder("REGISTER sip:example.net SIP/2.0\r\n");
        for (String via : vias) {
            text.append("Via: SIP/2.0/UDP ").append(via).append("\r\n");
        }
        text.append("From: <sip:bob@example.net>;tag=1\r\nTo: <sip:bob@example.net>\r\nCall-ID: edge-1\r\n"
                + "CSeq: 1 REGISTER\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        SIPRequest r = (SIPRequest) new StrictMessageParser().parseSIPMessage(
                text.toString().getBytes(StandardCharsets.US_ASCII), true, false, null);
        r.setPeerPacketSourceAddress(InetAddress.getByName(fromAddress));
        r.setPeerPacketSourcePort(fromPort);
        return r;
    }

    @Test
    void aRequestTheEdgeRelaysNamesTheClientTheEdgeSaw() throws Exception {
        EdgeProxies edges = EdgeProxies.parse("edgeProxies", List.of("192.0.2.1:5060", "[2001:db8::1]"));
        SIPRequest relayed = request("192.0.2.1", 5060, "192.0.2.1:5060;branch=z9hG4bK-e",
                "10.0.0.7:5062;branch=z9hG4bK-p;received=203.0.113.9;rport=40001");
        assertTrue(edges.unwrap(relayed));
        assertEquals(new PacketSource("udp", "203.0.113.9", 40001), PacketSource.of(relayed));

        SIPRequest noStamp = request("192.0.2.1", 5060, "192.0.2.1:5060;branch=z9hG4bK-e", "198.51.100.4:5070;branch=z9hG4bK-q");
        assertTrue(edges.unwrap(noStamp), "a Via the edge left as it was: its own address and port");
        assertEquals(new PacketSource("udp", "198.51.100.4", 5070), PacketSource.of(noStamp));
    }

    @Test
    void noOtherSenderChangesItsSourceAndTheEdgesOwnRequestsAreTheEdges() throws Exception {
        EdgeProxies edges = EdgeProxies.parse("edgeProxies", List.of("192.0.2.1:5060"));
        SIPRequest forged = request("198.51.100.66", 5060, "198.51.100.66:5060;branch=z9hG4bK-f",
                "10.0.0.7:5062;branch=z9hG4bK-g;received=203.0.113.9;rport=1");
        assertFalse(edges.unwrap(forged), "Vias of anyone but an edge are their word only");
        assertEquals("198.51.100.66", PacketSource.of(forged).host());
        SIPRequest otherPort = request("192.0.2.1", 5070, "192.0.2.1:5070;branch=z9hG4bK-e",
                "10.0.0.7:5062;branch=z9hG4bK-g;received=203.0.113.9;rport=1");
        assertFalse(edges.unwrap(otherPort), "the edge's address, but not the port the setting names");
        SIPRequest probe = request("192.0.2.1", 5060, "192.0.2.1:5060;branch=z9hG4bK-o");
        assertFalse(edges.unwrap(probe), "the edge's own OPTIONS: it is the source");
        SIPRequest named = request("192.0.2.1", 5060, "192.0.2.1:5060;branch=z9hG4bK-e", "phone.example:5062;branch=z9hG4bK-n");
        assertFalse(edges.unwrap(named), "no address the edge vouched for, and no DNS look-up for a sender's name");
        assertTrue(EdgeProxies.parse("edgeProxies", List.of("")).isEmpty());
        assertEquals(List.of("192.0.2.1"), edges.hosts());
    }

    @Test
    void aBadEntryIsNamed() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> EdgeProxies.parse("io.switchboard.sip edgeProxies", List.of("edge.example:5060")));
        assertTrue(name.getMessage().startsWith("Invalid setting io.switchboard.sip edgeProxies: 'edge.example:5060' is "
                + "no IP address"), name.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> EdgeProxies.parse("edgeProxies", List.of("192.0.2.1:99999")));
        assertTrue(port.getMessage().contains("has no port 1 to 65535"), port.getMessage());
    }
}
