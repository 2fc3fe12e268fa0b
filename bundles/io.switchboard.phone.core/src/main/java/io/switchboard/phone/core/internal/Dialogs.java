package io.switchboard.phone.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.DateHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.PhoneException;

/**
 * What arrives on the phone's stack: new calls, requests inside a call (re-INVITE, BYE, CANCEL,
 * REFER, NOTIFY) and the answers to what the phone sent. Each message goes to its call by Call-ID.
 */
final class Dialogs implements SipListener {

    private static final Logger LOG = System.getLogger(Dialogs.class.getName());

    private final UserAgent ua;
    private final SipPhone phone;

    Dialogs(UserAgent ua, SipPhone phone) {
        this.ua = ua;
        this.phone = phone;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request r = event.getRequest();
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = phone.call(callId);
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null && !r.getMethod().equals(Request.ACK)) {
                st = ua.provider().getNewServerTransaction(r);
            }
            switch (r.getMethod()) {
                case Request.INVITE -> invite(r, st, call);
                case Request.ACK -> {
                    if (call != null && r.getRawContent() != null && r.getRawContent().length > 0) {
                        call.remoteDescription(r.getRawContent(), false);
                    }
                }
                case Request.BYE -> {
                    respond(ua, st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
                    if (call != null) {
                        call.ended(0);
                    }
                }
                case Request.CANCEL -> {
                    respond(ua, st, Response.OK, null);
                    if (call != null && call.state() == CallState.INCOMING) {
                        respond(ua, call.incoming, Response.REQUEST_TERMINATED, null);
                        call.ended(Response.REQUEST_TERMINATED);
                    }
                }
                case Request.REFER -> refer(r, st, call);
                case Request.NOTIFY -> notify(r, st, call);
                case Request.OPTIONS -> respond(ua, st, Response.OK, null);
                case Request.MESSAGE -> message(r, st);
                default -> respond(ua, st, Response.NOT_IMPLEMENTED, null);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Phone " + phone.account().addressOfRecord() + ": cannot handle " + r.getMethod()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A text message: plain text is taken (200) and shown, anything else refused (415). */
    private void message(Request r, ServerTransaction st) throws Exception {
        ContentTypeHeader type = (ContentTypeHeader) r
                .getHeader(ContentTypeHeader.NAME);
        if (type == null || !type.getContentType().equalsIgnoreCase("text")
                || !type.getContentSubType().equalsIgnoreCase("plain")) {
            respond(ua, st, Response.UNSUPPORTED_MEDIA_TYPE, null);
            return;
        }
        respond(ua, st, Response.OK, null);
        DateHeader date = (DateHeader) r.getHeader(DateHeader.NAME);
        Instant written = date == null ? Instant.now() : date.getDate().toInstant();
        String from = ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress()
                .getURI().toString();
        byte[] body = r.getRawContent() == null ? new byte[0] : r.getRawContent();
        phone.message(from, new String(body, StandardCharsets.UTF_8), written);
    }

    private void invite(Request r, ServerTransaction st, SipCall existing) throws Exception {
        if (existing != null) { // a re-INVITE: hold, resume, a new address
            String answer = existing.remoteDescription(r.getRawContent(), true);
            respond(ua, st, Response.OK, answer);
            return;
        }
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        Address caller = from.getAddress();
        SipCall call = new SipCall(phone, ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId(), false,
                caller.getURI().toString(), caller.getDisplayName());
        call.incoming = st;
        call.offerIn = r.getRawContent();
        call.localTag = UserAgent.tag();
        var replaces = r.getHeader("Replaces");
        if (replaces != null) {
            SipCall old = phone.call(replacesCallId(replaces.toString()));
            if (old == null) {
                respond(ua, st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                call.rtp().close();
                return;
            }
            call.replaces = old;
        }
        Response ringing = ua.messages().createResponse(Response.RINGING, r);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(call.localTag);
        ringing.addHeader(ua.contact());
        st.sendResponse(ringing);
        call.dialog = st.getDialog();
        phone.added(call);
        if (call.replaces != null) { // an attended transfer: the new call takes the old one's place and audio
            call.answer(call.replaces.source(), call.replaces.sink());
        }
    }

    static void answer(UserAgent ua, SipCall call) {
        try {
            byte[] offer = call.offerIn;
            String sdp = offer != null && offer.length > 0 ? call.remoteDescription(offer, true)
                    : call.offer("sendrecv");
            Request invite = call.incoming.getRequest();
            Response ok = ua.messages().createResponse(Response.OK, invite);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(call.localTag);
            ok.addHeader(ua.contact());
            ok.setContent(sdp, ua.sdpType());
            call.incoming.sendResponse(ok);
            call.dialog = call.incoming.getDialog();
            call.connectedNow();
            SipCall old = call.replaces;
            if (old != null && old.state() != CallState.ENDED) {
                old.hangup();
            }
        } catch (Exception e) {
            throw new PhoneException("Cannot answer call " + call.id() + ": "
                    + e.getMessage(), e);
        }
    }

    static void respond(UserAgent ua, ServerTransaction st, int status, String sdp) {
        if (st == null) {
            return;
        }
        try {
            Response response = ua.messages().createResponse(status, st.getRequest());
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null && st.getDialog() != null && st.getDialog().getLocalTag() != null) {
                to.setTag(st.getDialog().getLocalTag());
            } else if (to.getTag() == null && status >= 200) {
                to.setTag(UserAgent.tag());
            }
            if (sdp != null) {
                response.addHeader(ua.contact());
                response.setContent(sdp, ua.sdpType());
            }
            st.sendResponse(response);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot answer " + status + ": " + e.getMessage());
        }
    }

    /** The far end asks this phone to call someone else: 202, a NOTIFY now and one when the new call ends or answers. */
    private void refer(Request r, ServerTransaction st, SipCall call) throws Exception {
        ReferToHeader referTo = (ReferToHeader) r.getHeader(ReferToHeader.NAME);
        if (call == null || referTo == null) {
            respond(ua, st, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.BAD_REQUEST, null);
            return;
        }
        respond(ua, st, Response.ACCEPTED, null);
        SipURI uri = (SipURI) referTo.getAddress().getURI();
        String replaces = uri.getHeader("Replaces");
        SipURI target = ua.uri(uri.toString().split("\\?", 2)[0]); // the URI's headers are for the INVITE, not its target

        notifyTransfer(ua, call, "SIP/2.0 100 Trying", false);
        SipCall placed = phone.dialFor(call, target, replaces == null ? null
                : URLDecoder.decode(replaces, StandardCharsets.UTF_8));
        placed.referredBy = call;
    }

    /** A NOTIFY about a transfer this phone asked for: once the new call is answered, this one ends. */
    private void notify(Request r, ServerTransaction st, SipCall call) {
        respond(ua, st, Response.OK, null);
        byte[] body = r.getRawContent();
        if (call == null || body == null || call.transferring == null) {
            return;
        }
        String frag = new String(body, StandardCharsets.UTF_8);
        if (frag.startsWith("SIP/2.0 2")) {
            SipCall done = call.transferring;
            call.transferring = null;
            if (done != call && done.state() != CallState.ENDED) {
                done.hangup();
            }
            if (call.state() != CallState.ENDED) {
                call.hangup();
            }
        }
    }

    static void notifyTransfer(UserAgent ua, SipCall call, String sipfrag, boolean last) {
        try {
            ua.inDialog(call, Request.NOTIFY, sipfrag + "\r\n", List.of(ua.headers().createEventHeader("refer"),
                    ua.headers().createSubscriptionStateHeader(last ? "terminated;reason=noresource" : "active")));
        } catch (ParseException | RuntimeException e) {
            LOG.log(Level.DEBUG, "NOTIFY of a transfer not sent: " + e.getMessage());
        }
    }

    /** The answers to the phone's INVITE. */
    static void inviteAnswered(UserAgent ua, SipCall call, Response response, ClientTransaction ct)
            throws SipException {
        int status = response.getStatusCode();
        call.invite = ct;
        if (ct.getDialog() != null) {
            call.dialog = ct.getDialog();
        }
        byte[] body = response.getRawContent();
        boolean hasSdp = body != null && body.length > 0;
        if (status < 200) {
            if (status == Response.RINGING && !hasSdp) {
                call.set(CallState.RINGING);
            } else if (hasSdp && status > 100) {
                call.remoteDescription(body, false);
                call.set(CallState.EARLY_MEDIA);
            }
            return;
        }
        if (status >= 300) {
            call.ended(status);
            if (call.referredBy != null) {
                notifyTransfer(ua, call.referredBy, "SIP/2.0 " + status + " " + response.getReasonPhrase(), true);
            }
            return;
        }
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            call.dialog.sendAck(call.dialog.createAck(cseq));
        } catch (InvalidArgumentException e) {
            throw new SipException("Cannot acknowledge: " + e.getMessage(), e);
        }
        if (call.state() == CallState.ENDED) { // hung up while the answer was on its way
            ua.inDialog(call, Request.BYE, null);
            return;
        }
        if (hasSdp) {
            call.remoteDescription(body, false);
        }
        call.connectedNow();
        if (call.referredBy != null) {
            notifyTransfer(ua, call.referredBy, "SIP/2.0 200 OK", true);
        }
    }

    /** The answers to a request inside a call: a re-INVITE's must be acknowledged. */
    static void inDialogAnswered(UserAgent ua, SipCall call, Response response, ClientTransaction ct)
            throws SipException {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!cseq.getMethod().equals(Request.INVITE) || response.getStatusCode() < 200) {
            return;
        }
        if (response.getStatusCode() < 300) {
            try {
                call.dialog.sendAck(call.dialog.createAck(cseq.getSeqNumber()));
            } catch (InvalidArgumentException e) {
                throw new SipException("Cannot acknowledge: " + e.getMessage(), e);
            }
            byte[] body = response.getRawContent();
            if (body != null && body.length > 0) {
                call.remoteDescription(body, false);
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        Response response = event.getResponse();
        try {
            if (ct == null) { // a retransmitted 2xx: its ACK went missing
                if (event.getDialog() != null && response.getStatusCode() / 100 == 2) {
                    long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                    event.getDialog().sendAck(event.getDialog().createAck(cseq));
                }
                return;
            }
            if (ct.getApplicationData() instanceof UserAgent.Handler h) {
                h.response(response, ct);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Phone " + phone.account().addressOfRecord() + ": cannot handle "
                    + response.getStatusCode() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof UserAgent.Handler h) {
            try {
                h.response(ua.messages().createResponse(Response.REQUEST_TIMEOUT, ct.getRequest()), ct);
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Timeout of " + ct.getRequest().getMethod() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(Level.DEBUG, "Phone " + phone.account().addressOfRecord() + ": I/O error towards " + event.getHost()
                + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    /** @return the Call-ID in a Replaces header ("Replaces: call-id;to-tag=...;from-tag=...") */
    private static String replacesCallId(String header) {
        String value = header.substring(header.indexOf(':') + 1).trim();
        int semi = value.indexOf(';');
        return semi < 0 ? value : value.substring(0, semi);
    }
}
