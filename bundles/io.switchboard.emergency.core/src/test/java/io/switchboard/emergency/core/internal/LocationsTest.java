package io.switchboard.emergency.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.switchboard.emergency.api.CivicAddress;
import io.switchboard.emergency.api.Location;

/** Civic addresses checked and written as a dispatcher and a PIDF-LO reader take them; networks matched. */
class LocationsTest {

    private static final CivicAddress HQ = new CivicAddress("us", "TX", "Austin", "Main St", "100", "A", "2", "201",
            "78701", null, "Acme HQ");

    @Test
    void aLocationIsCheckedFieldByField() {
        Location ok = CivicAddresses.check(new Location("hq-2", HQ, "+15125550199", " "));
        assertEquals("US", ok.address().country(), "the country in upper case");
        assertEquals(null, ok.description(), "blank is none");
        assertEquals("Acme HQ, 100A Main St, floor 2, room 201, Austin, TX 78701, US", CivicAddresses.line(ok.address()));

        assertThrows(IllegalArgumentException.class, () -> CivicAddresses.check(new Location("hq 2", HQ, null, null)),
                "a name with a space");
        assertEquals("Invalid country 'XX': an ISO 3166 code such as US", assertThrows(IllegalArgumentException.class,
                () -> CivicAddresses.check(new Location("x", new CivicAddress("XX", null, "Austin", "Main St", "1", null,
                        null, null, null, null, null), null, null))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CivicAddresses.check(new Location("x",
                new CivicAddress("US", null, "Austin", "Main St", null, null, null, null, null, null, null), null, null)))
                .getMessage().contains("needs RD and HNO"), "no house number and no description");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CivicAddresses.check(new Location("x",
                new CivicAddress("US", null, "Austin", "Main St", "12b", null, null, null, null, null, null), null, null)))
                .getMessage().startsWith("Invalid HNO '12b'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CivicAddresses.check(new Location("x", HQ,
                "5550199", null))).getMessage().startsWith("Invalid elin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CivicAddresses.check(new Location("x",
                new CivicAddress("US", null, "Austin", null, null, null, "2\u00071", null, null, "the yard", null), null,
                null))).getMessage().startsWith("Invalid FLR"), "a control character");
    }

    @Test
    void thePidfLoCarriesTheAddressInTheSchemasOrder() throws Exception {
        CivicAddress a = CivicAddresses.check(new Location("hq-2", new CivicAddress("US", "TX", "Austin", "Main St <&>",
                "100", null, "2", "201", "78701", "by the lifts", null), null, null)).address();
        String xml = PidfLo.of("pres:alice@example.com", a, "Manual", Instant.parse("2026-11-26T10:00:00.5Z"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element presence = doc.getDocumentElement();
        assertEquals(PidfLo.PIDF, presence.getNamespaceURI());
        assertEquals("pres:alice@example.com", presence.getAttribute("entity"));
        Element civic = (Element) doc.getElementsByTagNameNS(PidfLo.CA, "civicAddress").item(0);
        assertEquals("en", civic.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        List<String> fields = new ArrayList<>();
        for (Node n = civic.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                fields.add(e.getLocalName() + "=" + e.getTextContent());
            }
        }
        assertEquals(List.of("country=US", "A1=TX", "A3=Austin", "RD=Main St <&>", "HNO=100", "LOC=by the lifts", "FLR=2",
                "PC=78701", "ROOM=201"), fields);
        assertEquals("Manual", doc.getElementsByTagNameNS(PidfLo.GP, "method").item(0).getTextContent());
        assertEquals("2026-11-26T10:00:00Z", doc.getElementsByTagNameNS(PidfLo.PIDF, "timestamp").item(0).getTextContent());
    }

    @Test
    void networksHoldTheirAddressesOnly() throws Exception {
        Cidr office = Cidr.parse("10.1.2.77/24");
        assertEquals("10.1.2.0/24", office.toString(), "host bits cleared");
        assertTrue(office.contains(InetAddress.getByName("10.1.2.200")));
        assertFalse(office.contains(InetAddress.getByName("10.1.3.1")));
        assertFalse(office.contains(InetAddress.getByName("::ffff:10.1.3.1")));
        assertTrue(Cidr.parse("2001:db8:5::/48").contains(InetAddress.getByName("2001:db8:5:1::9")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.1")));
        assertTrue(Cidr.parse("192.0.2.9/32").contains(InetAddress.getByName("192.0.2.9")));
        for (String bad : new String[] { "10.1.2.0", "10.1.2.0/33", "example.com/24", "" }) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }
}
