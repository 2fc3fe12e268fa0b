package io.switchboard.sip.core.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** Which handler each request goes to, decided on the request alone. */
class RequestKindTest {

    private static Request request(String method, String toTag) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        MessageFactory messages = factory.createMessageFactory();
        return messages.createRequest(method + " sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-" + method + "\r\n"
                + "From: <sip:alice@192.0.2.1>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: kind-1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void requestsOutsideADialog() throws Exception {
        assertEquals(RequestKind.INITIAL_INVITE, RequestKind.of(request("INVITE", null)));
        assertEquals(RequestKind.REGISTER, RequestKind.of(request("REGISTER", null)));
        assertEquals(RequestKind.OPTIONS, RequestKind.of(request("OPTIONS", null)));
        assertEquals(RequestKind.CANCEL, RequestKind.of(request("CANCEL", null)));
        assertEquals(RequestKind.ACK, RequestKind.of(request("ACK", null)));
        for (String method : new String[] { "BYE", "UPDATE", "INFO", "PRACK" }) {
            assertEquals(RequestKind.NO_DIALOG, RequestKind.of(request(method, null)), method + " needs a dialog");
        }
        assertEquals(RequestKind.MESSAGE, RequestKind.of(request("MESSAGE", null)));
        assertEquals(RequestKind.SUBSCRIBE, RequestKind.of(request("SUBSCRIBE", null)));
        assertEquals(RequestKind.PUBLISH, RequestKind.of(request("PUBLISH", null)));
        assertEquals(RequestKind.SUBSCRIBE, RequestKind.of(request("SUBSCRIBE", "b1")), "a refresh is the subscriptions' too");
        assertEquals(RequestKind.NOT_IMPLEMENTED, RequestKind.of(request("FOO", null)));
    }

    @Test
    void aToTagMeansADialogWhateverTheMethod() throws Exception {
        for (String method : new String[] { "INVITE", "BYE", "UPDATE", "INFO", "MESSAGE", "FOO" }) {
            assertEquals(RequestKind.IN_DIALOG, RequestKind.of(request(method, "b1")), method);
        }
        assertEquals(RequestKind.CANCEL, RequestKind.of(request("CANCEL", "b1")), "CANCEL matches its INVITE");
        assertEquals(RequestKind.ACK, RequestKind.of(request("ACK", "b1")));
        assertEquals(RequestKind.OPTIONS, RequestKind.of(request("OPTIONS", "b1")));
    }

    @Test
    void onlyRegisterAndOptionsAreServedWithoutATransaction() throws Exception {
        assertTrue(RequestKind.REGISTER.stateless());
        assertTrue(RequestKind.OPTIONS.stateless());
        assertFalse(RequestKind.INITIAL_INVITE.stateless());
        assertFalse(RequestKind.IN_DIALOG.stateless());
        assertFalse(RequestKind.NO_DIALOG.stateless());
        assertEquals("BYE", RequestKind.counter("BYE"));
        assertEquals("other", RequestKind.counter("FOO123"));
    }
}
