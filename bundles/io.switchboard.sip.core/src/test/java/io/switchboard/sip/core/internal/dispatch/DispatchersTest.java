package io.switchboard.sip.core.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.Timeout;
import javax.sip.TimeoutEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.handler.api.RequestHandler;

/**
 * Each dispatcher, on real jain-sip messages: which handler a request or response reaches, and what
 * the switch answers itself. The handlers record what they got.
 */
class DispatchersTest {

    private final List<String> handled = new ArrayList<>();
    private final List<Response> answered = new ArrayList<>();
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final Dispatchers dispatchers;
    /** The bundles serving a method of their own, as the switch's tracker finds them. */
    private final Map<String, RequestHandler> served =
            new HashMap<>(Map.of("MESSAGE", (event, provider, tx) -> handled.add("text "
                    + event.getRequest().getMethod()), "SUBSCRIBE", (event, provider, tx) -> handled.add("subscribe "
                            + event.getRequest().getMethod()), "PUBLISH", (event, provider, tx) -> handled.add(
                                    "publish " + event.getRequest().getMethod())));

    DispatchersTest() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        dispatchers = new Dispatchers(new RecordingCalls(), (provider, request) -> handled.add("register "
                + request.getMethod()), served::get, (provider, tx, response) -> answered.add(response), messages,
                headers);
    }

    @Test
    void initialRequests() throws Exception {
        dispatch(request("INVITE", null));
        dispatch(request("REGISTER", null));
        dispatch(request("MESSAGE", null));
        dispatch(request("SUBSCRIBE", null));
        dispatch(request("PUBLISH", null));
        assertEquals(List.of("invite", "register REGISTER", "text MESSAGE", "subscribe SUBSCRIBE", "publish PUBLISH"),
                handled);
        handled.clear();

        dispatch(request("OPTIONS", null));
        Response ok = answered.remove(0);
        assertEquals(200, ok.getStatusCode());
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, MESSAGE, SUBSCRIBE, PUBLISH",
                ((AllowHeader) ok.getHeader(AllowHeader.NAME)).getMethod());
        assertEquals("application/sdp", ok.getHeader("Accept").toString().replaceAll("(?s)Accept: *|\\s", ""));

        dispatch(request("BYE", null));
        assertEquals(481, answered.remove(0).getStatusCode(), "BYE outside a dialog");
        dispatch(request("REFER", null));
        Response unsupported = answered.remove(0);
        assertEquals(501, unsupported.getStatusCode());
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, MESSAGE, SUBSCRIBE, PUBLISH",
                ((AllowHeader) unsupported.getHeader(AllowHeader.NAME)).getMethod());
        assertEquals(List.of(), handled, "answered here, never handed on");
    }

    @Test
    void aMethodNoBundleServesIsNotImplementedAndLeftOutOfAllow() throws Exception {
        served.remove("MESSAGE");
        dispatch(request("MESSAGE", null));
        Response unsupported = answered.remove(0);
        assertEquals(501, unsupported.getStatusCode());
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, SUBSCRIBE, PUBLISH",
                ((AllowHeader) unsupported.getHeader(AllowHeader.NAME)).getMethod());
        dispatch(request("OPTIONS", null));
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, SUBSCRIBE, PUBLISH",
                ((AllowHeader) answered.remove(0).getHeader(AllowHeader.NAME)).getMethod());
        assertEquals(List.of(), handled);
    }

    @Test
    void requestsInsideADialogAndCancel() throws Exception {
        dispatch(request("BYE", "b1"));
        dispatch(request("INVITE", "b1"));
        dispatch(request("MESSAGE", "b1"));
        dispatch(request("ACK", "b1"));
        dispatch(request("CANCEL", null));
        assertEquals(List.of("inDialog BYE", "inDialog INVITE", "inDialog MESSAGE", "ack", "cancel"), handled);
        assertEquals(List.of(), answered);
    }

    @Test
    void aDispatcherRefusesAKindThatIsNotItsOwn() throws Exception {
        RequestEvent bye = new RequestEvent(this, null, null, request("BYE", "b1"));
        assertThrows(IllegalArgumentException.class, () -> new CancelDispatcher(new RecordingCalls())
                .dispatch(RequestKind.IN_DIALOG, bye, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InDialogRequestDispatcher(new RecordingCalls())
                .dispatch(RequestKind.INITIAL_INVITE, bye, null, null));
        assertThrows(IllegalArgumentException.class, () -> dispatchers.forKind(RequestKind.VERSION_NOT_SUPPORTED));
    }

    @Test
    void responsesGoToTheSwitchsOwnRequestsOrToTheCalls() throws Exception {
        List<String> pending = new ArrayList<>();
        PendingRequest probe = new PendingRequest() {
            @Override
            public void response(ResponseEvent event) {
                pending.add("probe " + event.getResponse().getStatusCode());
            }

            @Override
            public void timeout() {
                pending.add("probe timeout");
            }
        };
        Response ok = messages.createResponse(200, request("OPTIONS", null));
        dispatchers.responses().response(new ResponseEvent(this, transaction(probe), null, ok));
        dispatchers.responses().response(new ResponseEvent(this, transaction(null), null, ok));
        dispatchers.responses().response(new ResponseEvent(this, null, null, ok));
        dispatchers.responses().timeout(new TimeoutEvent(this, transaction(probe), Timeout.TRANSACTION));
        dispatchers.responses().timeout(new TimeoutEvent(this, transaction("a call"), Timeout.TRANSACTION));
        assertEquals(List.of("probe 200", "probe timeout"), pending);
        assertEquals(List.of("response 200", "response 200", "timeout"), handled);
    }

    private void dispatch(Request request) throws Exception {
        RequestKind kind = RequestKind.of(request);
        RequestDispatcher d = dispatchers.forKind(kind);
        d.dispatch(kind, new RequestEvent(this, null, null, request), null, null);
    }

    /** A client transaction that holds application data, as the stack's do: the only part the dispatcher reads. */
    private static ClientTransaction transaction(Object applicationData) {
        return (ClientTransaction) Proxy.newProxyInstance(DispatchersTest.class.getClassLoader(),
                new Class<?>[] { ClientTransaction.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getApplicationData" -> applicationData;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Request request(String method, String toTag) throws Exception {
        return messages.createRequest(method + " sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-" + method + "\r\n"
                + "From: <sip:alice@192.0.2.1>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: dispatch-1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    private final class RecordingCalls implements CallHandler {
        @Override
        public void invite(RequestEvent event, ServerTransaction tx) {
            handled.add("invite");
        }

        @Override
        public void inDialog(RequestEvent event, ServerTransaction tx) {
            handled.add("inDialog " + event.getRequest().getMethod());
        }

        @Override
        public void ack(RequestEvent event) {
            handled.add("ack");
        }

        @Override
        public void cancel(RequestEvent event, ServerTransaction tx) {
            handled.add("cancel");
        }

        @Override
        public void response(ResponseEvent event) {
            handled.add("response " + event.getResponse().getStatusCode());
        }

        @Override
        public void timeout(TimeoutEvent event) {
            handled.add("timeout");
        }
    }
}
