package io.switchboard.sip.core.internal.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

/** The answers kept for retransmitted REGISTERs: found by key, bounded, oldest forgotten first. */
class AnsweredRequestsTest {

    private final MessageFactory messages;

    AnsweredRequestsTest() throws Exception {
        messages = SipFactory.getInstance().createMessageFactory();
    }

    private Response response(int status) throws Exception {
        return messages.createResponse("SIP/2.0 " + status + " X\r\nCall-ID: a@b\r\nCSeq: 1 REGISTER\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void keepsTheLastAnswersUpToItsCapacity() throws Exception {
        AnsweredRequests answered = new AnsweredRequests(3);
        Response[] sent = new Response[5];
        for (int i = 0; i < 5; i++) {
            sent[i] = response(200 + i);
            answered.answered("key" + i, sent[i]);
        }
        assertNull(answered.answerTo("key0"), "the oldest is forgotten first");
        assertNull(answered.answerTo("key1"));
        for (int i = 2; i < 5; i++) {
            assertEquals(sent[i].toString(), answered.answerTo("key" + i), "the answer's text");
        }
        assertEquals(3, answered.size());
        assertNull(answered.answerTo("never answered"));
    }

    @Test
    void aKeyAnsweredAgainKeepsItsLatestAnswer() throws Exception {
        AnsweredRequests answered = new AnsweredRequests(2);
        Response first = response(401);
        Response second = response(200);
        answered.answered("same", first);
        answered.answered("same", second);
        assertEquals(second.toString(), answered.answerTo("same"));
        // its older ring slot being reused does not forget the newer answer
        answered.answered("other", response(200));
        assertEquals(second.toString(), answered.answerTo("same"));
        assertEquals(200, messages.createResponse(answered.answerTo("same")).getStatusCode(), "parses again");
    }

    @Test
    void capacityFollowsTheHeapWithinBounds() {
        assertEquals(1_000, AnsweredRequests.capacityFor(8L << 20));
        assertEquals(65_536, AnsweredRequests.capacityFor(1L << 30));
        assertEquals(262_144, AnsweredRequests.capacityFor(64L << 30));
        assertThrows(IllegalArgumentException.class, () -> new AnsweredRequests(0));
    }
}
