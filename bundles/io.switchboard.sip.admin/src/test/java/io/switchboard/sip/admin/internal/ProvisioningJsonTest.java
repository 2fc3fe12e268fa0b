package io.switchboard.sip.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.Trunk;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shell's key=value settings merged into a stored record, as sip:trunk / sip:route apply them. */
class ProvisioningJsonTest {

    @Test
    void settingsChangeOnlyTheKeysGiven() {
        Trunk stored = new Trunk("carrier", "sip.example.net", 5060, "udp", "acct", true,
                true, 600, List.of("192.0.2.10"), null, false, List.of("PCMA"), 30, true, true);
        ObjectNode merged = ProvisioningJson.merge(SipServlet.JSON.valueToTree(stored),
                new String[] { "port=5080", "codecs=PCMU,PCMA", "probe=false", "callerId=" }, ProvisioningJson.TRUNK_KEYS);
        Trunk t = ProvisioningJson.trunk("carrier", merged);
        assertEquals(5080, t.port());
        assertEquals(List.of("PCMU", "PCMA"), t.codecs());
        assertEquals(false, t.probe());
        assertEquals("sip.example.net", t.host(), "kept");
        assertEquals(30, t.maxChannels(), "kept");
        assertEquals(List.of("192.0.2.10"), t.addresses(), "kept");
    }

    @Test
    void aBadKeyOrValueIsNamed() {
        ObjectNode empty = SipServlet.JSON.createObjectNode();
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> ProvisioningJson.merge(empty, new String[] { "hots=x" }, ProvisioningJson.TRUNK_KEYS));
        assertTrue(key.getMessage().contains("hots=x"), key.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> ProvisioningJson.merge(empty, new String[] { "port=fifty" }, ProvisioningJson.TRUNK_KEYS));
        assertEquals("Invalid setting port=fifty: a whole number", number.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> ProvisioningJson.merge(empty, new String[] { "enabled=yes" }, ProvisioningJson.ROUTE_KEYS));
        assertEquals("Invalid setting enabled=yes: true or false", flag.getMessage());
    }

    @Test
    void aNewRouteGetsItsDefaults() {
        Route r = ProvisioningJson.route("uk", ProvisioningJson.merge(SipServlet.JSON.createObjectNode(),
                new String[] { "pattern=+44.", "trunks=a,b" }, ProvisioningJson.ROUTE_KEYS));
        assertEquals(100, r.priority());
        assertEquals(List.of("a", "b"), r.trunks());
        assertTrue(r.enabled());
    }
}
