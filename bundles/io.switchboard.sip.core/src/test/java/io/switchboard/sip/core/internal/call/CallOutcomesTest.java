package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.SipFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.Disposition;

/** The call's decisions on final answers: failover, which failure the caller hears, what the record says. */
class CallOutcomesTest {

    @Test
    void onlyTimeoutsAndServerFailuresMoveToTheNextTrunk() {
        for (int status : new int[] { 408, 500, 502, 503, 504, 599 }) {
            assertTrue(CallOutcomes.failsOver(status), status + " tries the next trunk");
        }
        for (int status : new int[] { 404, 480, 486, 487, 600, 603, 403, 484 }) {
            assertFalse(CallOutcomes.failsOver(status), status + " is the callee's answer: no other trunk changes it");
        }
    }

    @Test
    void whenEveryBranchFailsTheCallerHearsA6xxThenBusyThenTheFirst() throws Exception {
        assertEquals(486, best(480, 486, 404));
        assertEquals(603, best(480, 486, 603), "a 6xx wins over busy");
        assertEquals(600, best(600, 486), "the first 6xx stays");
        assertEquals(404, best(404, 500, 480), "none busy or 6xx: the first");
        assertEquals(600, best(486, 600), "a 6xx after busy still wins: no branch can succeed");
    }

    @Test
    void whatTheCallerIsToldAndWhatTheRecordSays() {
        assertEquals(403, CallOutcomes.callerStatus(407), "the carrier's challenge is not the caller's to answer");
        assertEquals(403, CallOutcomes.callerStatus(401));
        assertEquals(480, CallOutcomes.callerStatus(302), "redirects are not followed");
        assertEquals(486, CallOutcomes.callerStatus(486));
        assertEquals(Disposition.BUSY, CallOutcomes.disposition(486));
        assertEquals(Disposition.BUSY, CallOutcomes.disposition(603));
        assertEquals(Disposition.NO_ANSWER, CallOutcomes.disposition(480));
        assertEquals(Disposition.NO_ANSWER, CallOutcomes.disposition(408));
        assertEquals(Disposition.CANCELLED, CallOutcomes.disposition(487));
        assertEquals(Disposition.FAILED, CallOutcomes.disposition(503));
    }

    /** @return the failure a call keeps after its branches failed with these, in this order */
    private static int best(int... statuses) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Request invite = factory.createMessageFactory().createRequest("INVITE sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-1\r\nFrom: <sip:alice@192.0.2.1>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.1>\r\nCall-ID: outcomes-1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        Call call = new Call("c1", invite, null, null, null, "t1", "alice", null, "bob");
        for (int s : statuses) {
            call.failed(s, "status " + s);
        }
        assertEquals("status " + call.bestFailure, call.bestReason, "the reason goes with its status");
        return call.bestFailure;
    }
}
