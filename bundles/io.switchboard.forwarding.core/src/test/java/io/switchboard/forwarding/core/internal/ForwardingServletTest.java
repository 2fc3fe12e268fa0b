package io.switchboard.forwarding.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.sip.api.forwarding.ForwardReason;
import io.switchboard.sip.api.forwarding.ForwardingRules;

class ForwardingServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ForwardingRules BEFORE = new ForwardingRules(null, "carol", "voicemail", 20, null);

    @Test
    void whatTheBodyNamesChangesAndNullClears() throws Exception {
        ForwardingRules r = ForwardingServlet.merged(BEFORE, JSON.readTree("{\"always\":\"+15550100\",\"busy\":null}"));
        assertEquals(new ForwardingRules("+15550100", null, "voicemail", 20, null), r);
        assertEquals("voicemail", r.destination(ForwardReason.UNAVAILABLE), "unavailable follows no answer");
        assertEquals(BEFORE, ForwardingServlet.merged(BEFORE, JSON.readTree("{}")));
        assertEquals(ForwardingRules.NONE, new ForwardingRules(" ", "", null, 0, null), "blank is none");
    }

    @Test
    void badBodiesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForwardingServlet.merged(BEFORE,
                JSON.readTree("{\"later\":\"bob\"}"))).getMessage().startsWith("Unknown field later"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForwardingServlet.merged(BEFORE,
                JSON.readTree("{\"busy\":7}"))).getMessage().startsWith("busy:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForwardingServlet.merged(BEFORE,
                JSON.readTree("{\"noAnswerSeconds\":\"soon\"}"))).getMessage().startsWith("noAnswerSeconds:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForwardingServlet.merged(BEFORE,
                JSON.readTree("{\"noAnswerSeconds\":3}"))).getMessage().startsWith("Invalid noAnswerSeconds 3"));
        assertThrows(IllegalArgumentException.class, () -> ForwardingServlet.merged(BEFORE, JSON.readTree("[]")));
    }
}
