import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The floor under Switchboard's CPU per call and per text message: jain-sip-ri alone, with the stack
 * settings Switchboard ships (16 UDP threads, reentrant listener, aggressive release) and nothing of
 * Switchboard's own. For a call it is the least a B2BUA does: the caller's INVITE answered 100 and
 * sent on as a new call (new Call-ID, tags and Contact, the SDP passed through untouched), each
 * provisional and final answer passed back, the ACK and the BYE carried over to the other dialog. A
 * MESSAGE is relayed statefully, as Kamailio's t_relay does. No routing, no relay, no record, no
 * ladder, no database. Used by releng/bench-sip-floor.sh.
 *
 *   java JainSipFloor PORT TARGET_PORT    (both on 127.0.0.1)
 */
public final class JainSipFloor implements SipListener {

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String host = "127.0.0.1";
    private final int port;
    private final SipURI target;
    private final Address contact;

    private JainSipFloor(int port, int targetPort) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "floor");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "16384");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "4194304");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "4194304");
        SipStack stack = factory.createSipStack(p);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        this.port = port;
        ListeningPoint udp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
        provider = stack.createSipProvider(udp);
        provider.addSipListener(this);
        target = addresses.createSipURI("bench", host + ":" + targetPort);
        contact = addresses.createAddress(addresses.createSipURI("floor", host + ":" + port));
        stack.start();
    }

    public static void main(String[] args) throws Exception {
        new JainSipFloor(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.println("listening on udp 127.0.0.1:" + args[0]);
        Thread.currentThread().join();
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            Request request = event.getRequest();
            switch (request.getMethod()) {
                case Request.INVITE -> invite(request, serverTransaction(event));
                case Request.ACK -> ack(event.getDialog());
                case Request.BYE -> bye(event, serverTransaction(event));
                case Request.MESSAGE -> relay(request, serverTransaction(event));
                default -> serverTransaction(event).sendResponse(messages.createResponse(Response.NOT_IMPLEMENTED, request));
            }
        } catch (Exception e) {
            System.err.println("request: " + e);
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }

    private void invite(Request request, ServerTransaction st) throws Exception {
        st.sendResponse(messages.createResponse(Response.TRYING, request));
        FromHeader from = headers.createFromHeader(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress(),
                Long.toHexString(System.nanoTime()));
        ToHeader to = headers.createToHeader(addresses.createAddress(target), null);
        List<ViaHeader> via = new ArrayList<>(1);
        via.add(headers.createViaHeader(host, port, ListeningPoint.UDP, null));
        Request out = messages.createRequest(target, Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), from, to, via, headers.createMaxForwardsHeader(69));
        out.addHeader(headers.createContactHeader(contact));
        copyBody(request, out);
        ClientTransaction ct = provider.getNewClientTransaction(out);
        ct.setApplicationData(st);
        ct.sendRequest();
    }

    private void ack(Dialog caller) throws Exception {
        Dialog callee = caller == null ? null : (Dialog) caller.getApplicationData();
        if (callee != null) {
            callee.sendAck(callee.createAck(1L));
        }
    }

    private void bye(RequestEvent event, ServerTransaction st) throws Exception {
        st.sendResponse(messages.createResponse(Response.OK, event.getRequest()));
        Dialog other = event.getDialog() == null ? null : (Dialog) event.getDialog().getApplicationData();
        if (other != null) {
            other.sendRequest(provider.getNewClientTransaction(other.createRequest(Request.BYE)));
        }
    }

    private void relay(Request request, ServerTransaction st) throws Exception {
        Request out = (Request) request.clone();
        out.setRequestURI(target);
        MaxForwardsHeader hops = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        if (hops != null) {
            hops.decrementMaxForwards();
        }
        out.addFirst(headers.createViaHeader(host, port, ListeningPoint.UDP, null));
        ClientTransaction ct = provider.getNewClientTransaction(out);
        ct.setApplicationData(st);
        ct.sendRequest();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null || !(ct.getApplicationData() instanceof ServerTransaction st)) {
            return; // a retransmitted 2xx, or the answer to a BYE: nothing to pass back
        }
        try {
            Response response = event.getResponse();
            int code = response.getStatusCode();
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            if (Request.MESSAGE.equals(method)) {
                Response back = (Response) response.clone();
                back.removeFirst(ViaHeader.NAME);
                st.sendResponse(back);
                return;
            }
            if (code == Response.TRYING) {
                return;
            }
            Response back = messages.createResponse(code, st.getRequest());
            ((ToHeader) back.getHeader(ToHeader.NAME)).setTag(Integer.toHexString(st.getBranchId().hashCode()));
            if (code < 300) {
                back.addHeader(headers.createContactHeader(contact));
            }
            if (code >= 200 && code < 300) {
                copyBody(response, back);
                Dialog caller = st.getDialog();
                Dialog callee = event.getDialog();
                caller.setApplicationData(callee);
                callee.setApplicationData(caller);
            }
            st.sendResponse(back);
        } catch (Exception e) {
            System.err.println("response: " + e);
        }
    }

    private static void copyBody(Message from, Message to) throws Exception {
        byte[] body = from.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && type != null) {
            to.setContent(body, (ContentTypeHeader) type.clone());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
