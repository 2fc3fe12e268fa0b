package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import javax.sip.SipFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** Who may ask a callee's phone to answer on its own, and what the phone is told. */
class IntercomTest {

    private static final Set<String> CALLERS = Set.of("paging", "reception");

    @Test
    void onlyTheSettingsCallersAskingForItMakeAnIntercomCall() throws Exception {
        assertTrue(Intercom.asked(invite("Call-Info: <sip:192.0.2.1>;answer-after=0\r\n"), "paging", CALLERS));
        assertTrue(Intercom.asked(invite("Alert-Info: <http://x/>;info=alert-autoanswer\r\n"), "reception", CALLERS));
        assertFalse(Intercom.asked(invite("Call-Info: <sip:192.0.2.1>;answer-after=0\r\n"), "alice", CALLERS),
                "anyone else's request would let them listen into a room");
        assertFalse(Intercom.asked(invite(""), "paging", CALLERS), "a call that does not ask for it rings");
        assertFalse(Intercom.asked(invite("Call-Info: <http://x/photo.jpg>;purpose=icon\r\n"), "paging", CALLERS));
    }

    @Test
    void thePhoneIsToldInTheFormsTheCommonPhonesRead() throws Exception {
        Request b = invite("");
        Intercom.mark(b, SipFactory.getInstance().createHeaderFactory(), "192.0.2.1");
        assertEquals("Call-Info: <sip:192.0.2.1>;answer-after=0", b.getHeader("Call-Info").toString().trim());
        assertEquals("Alert-Info: <http://192.0.2.1/>;info=alert-autoanswer;delay=0",
                b.getHeader("Alert-Info").toString().trim());
    }

    private static Request invite(String headers) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        return factory.createMessageFactory().createRequest("INVITE sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-1\r\nFrom: <sip:alice@192.0.2.1>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.1>\r\nCall-ID: intercom-1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" + headers
                + "Content-Length: 0\r\n\r\n");
    }
}
