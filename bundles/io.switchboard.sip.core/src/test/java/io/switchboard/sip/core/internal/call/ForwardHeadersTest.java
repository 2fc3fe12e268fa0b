package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.forwarding.ForwardReason;

class ForwardHeadersTest {

    private static final Map<String, String> NUMBERS = Map.of("bob", "+442071110002", "carol", "+442071110003");

    @Test
    void theLatestDiversionComesFirstAndHistoryInfoMapsEachTarget() {
        List<CallForward.Hop> hops = List.of(new CallForward.Hop("bob", "carol", ForwardReason.BUSY, null),
                new CallForward.Hop("carol", "+15550100", ForwardReason.NO_ANSWER, null));
        List<String[]> h = ForwardHeaders.headers(hops, ForwardHeaders.Mode.BOTH, NUMBERS::get, "192.0.2.1",
                "sip:+15550100@203.0.113.5:5060");
        assertEquals(3, h.size());
        assertArrayEquals(new String[] { "Diversion", "<sip:+442071110003@192.0.2.1>;reason=no-answer;counter=1" },
                h.get(0));
        assertArrayEquals(new String[] { "Diversion", "<sip:+442071110002@192.0.2.1>;reason=user-busy;counter=1" },
                h.get(1));
        assertEquals("History-Info", h.get(2)[0]);
        assertEquals("<sip:+442071110002@192.0.2.1?Reason=SIP%3Bcause%3D486>;index=1,"
                + "<sip:+442071110003@192.0.2.1?Reason=SIP%3Bcause%3D408>;index=1.1;mp=1,"
                + "<sip:+15550100@203.0.113.5:5060>;index=1.1.1;mp=1.1", h.get(2)[1]);
    }

    @Test
    void eachTrunkCarriesWhatItsSettingSays() {
        ForwardHeaders s = ForwardHeaders.of(new String[] { "history-info", "trunk:old=diversion",
                "trunk:quiet=none" });
        assertEquals(ForwardHeaders.Mode.HISTORY_INFO, s.mode("carrier"));
        assertEquals(ForwardHeaders.Mode.DIVERSION, s.mode("old"));
        assertEquals(ForwardHeaders.Mode.NONE, s.mode("quiet"));
        assertEquals(ForwardHeaders.Mode.DIVERSION, s.mode(null), "phones get Diversion");
        assertEquals(ForwardHeaders.Mode.DIVERSION, ForwardHeaders.of(new String[0]).mode("carrier"));
        List<CallForward.Hop> one = List.of(new CallForward.Hop("bob", "carol", ForwardReason.UNCONDITIONAL, null));
        assertTrue(ForwardHeaders.headers(one, ForwardHeaders.Mode.NONE, NUMBERS::get, "h", "sip:x@h").isEmpty());
        assertEquals("<sip:+442071110002@h?Reason=SIP%3Bcause%3D302>;index=1,<sip:x@h>;index=1.1;mp=1",
                ForwardHeaders.headers(one, ForwardHeaders.Mode.HISTORY_INFO, NUMBERS::get, "h", "sip:x@h").get(0)[1]);
    }

    @Test
    void aBadModeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardHeaders.of(new String[] { "trunk:carrier=loud" }));
        assertTrue(e.getMessage().contains("forwardHeaders entry 'trunk:carrier=loud'"), e.getMessage());
    }
}
