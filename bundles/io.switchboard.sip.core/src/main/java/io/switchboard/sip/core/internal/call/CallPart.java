package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPMessage;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.media.api.Leg;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;
import io.switchboard.sip.ladder.Ladders;
import io.switchboard.sip.stack.PacketSource;

/**
 * What the parts of a call's handling share: the services, the tables of calls in progress, and the
 * small steps every part takes (answering, BYE, the record as it stands). {@link B2bua} makes the
 * first; the parts (setup, relay, teardown) are made from it and share the same tables.
 */
abstract class CallPart {

    static final Logger LOG = System.getLogger(B2bua.class.getName());
    /** RFC 3326 with the cause phones read as "answered on another phone": no missed call in their lists. */
    static final String ELSEWHERE = "SIP;cause=200;text=\"Call completed elsewhere\"";

    /** A request relayed from one leg to the other, waiting for the other leg's answer. */
    record Relay(Call call, ServerTransaction from, boolean fromA) {
    }

    /** The services all parts use. */
    final CallContext context;
    /** The calls in progress, which all parts share. */
    final CallTable table;
    final SipStore store;
    final Authenticator auth;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final Function<String, SipProvider> providers;
    final ScheduledExecutorService timer;
    /** Wakes phones that sleep behind a push service (RFC 8599), or null. */
    volatile PushWake push;
    final Consumer<CallRecord> records;
    final B2bua.Limits limits;
    final String source;
    final LegAddresses legs;
    final B2bua.Provisioned provisioning;
    final CallJournal journal;
    /** Each call's SIP messages: every message a part sends goes through {@link #sent}. */
    final Ladders ladders;
    final EventPoster events;
    final Trunks trunks;
    final MediaAnchor media;
    final Function<String, String> e164;
    final Map<String, Call> calls;
    /** Calls between start and answer or end, kept as a count so an INVITE need not scan every call. */
    final AtomicInteger inSetup;
    final Map<Dialog, Call> byDialog;
    final Map<String, Call> byACallId;
    final AtomicLong rejectedOverload;
    final AtomicLong completed;
    /** Users' calls through trunks, against their calling policies. */
    final UserLimits userLimits;
    /** Calls whose setup threw (a bad offer, say), ended with 488 or 500. */
    final AtomicLong failedSetups;
    final SessionTimers sessionTimers;
    CallSetup setup;
    CallRelay relay;
    CallTeardown teardown;

    /** The first part, which makes the tables the others share. */
    CallPart(CallContext c) {
        this(c, new CallTable(), null);
    }

    /** A part that shares another's services and tables. */
    CallPart(CallPart shared) {
        this(shared.context, shared.table, shared);
    }

    /** @param shared the part whose media anchor and session timers this one shares, null to make them */
    private CallPart(CallContext c, CallTable t, CallPart shared) {
        this.context = c;
        this.table = t;
        this.store = c.store();
        this.auth = c.auth();
        this.messages = c.sip().messages();
        this.headers = c.sip().headers();
        this.addresses = c.sip().addresses();
        this.providers = c.sip().providers();
        this.timer = c.timer();
        this.records = c.records();
        this.limits = c.limits();
        this.source = c.source();
        this.legs = c.legs();
        this.provisioning = c.provisioning();
        this.journal = c.journal();
        this.ladders = c.ladders();
        this.events = c.events();
        this.trunks = c.trunks();
        this.e164 = c.e164();
        this.calls = t.calls;
        this.inSetup = t.inSetup;
        this.byDialog = t.byDialog;
        this.byACallId = t.byACallId;
        this.rejectedOverload = t.rejectedOverload;
        this.completed = t.completed;
        this.userLimits = t.userLimits;
        this.failedSetups = t.failedSetups;
        this.media = shared != null ? shared.media
                : new MediaAnchor(c.media().relay(), c.media().policy(), (id, leg) -> teardown.mediaTimeout(id, leg));
        this.sessionTimers = shared != null ? shared.sessionTimers
                : new SessionTimers(c.limits().sessionExpiresSeconds(), c.timer(), c.sip().headers(),
                        (call, caller, why) -> teardown.sessionExpired(call, caller, why), r -> {
                            Request out = c.legs().advertised(r);
                            c.ladders().sent(out);
                            return out;
                        });
    }

    /** Lets each part reach the others. */
    final void wire(CallSetup setup, CallRelay relay, CallTeardown teardown) {
        this.setup = setup;
        this.relay = relay;
        this.teardown = teardown;
    }

    /**
     * @return whether an INVITE still waits for its final answer, so that a CANCEL may end it: one sent after the
     *         answer (a busy phone's 486, before the call goes on to a forward) is answered by nobody and
     *         retransmitted for 32 s to a port the phone may have left, and the next program there takes it
     */
    static boolean pending(ClientTransaction tx) {
        TransactionState s = tx.getState();
        return s == TransactionState.CALLING || s == TransactionState.PROCEEDING;
    }

    void cancelTx(ClientTransaction tx, SipProvider provider) {
        if (!pending(tx)) {
            return;
        }
        try {
            ClientTransaction cancel = provider.getNewClientTransaction(tx.createCancel());
            ladders.sent(cancel.getRequest());
            cancel.sendRequest();
        } catch (SipException e) {
            LOG.log(Level.DEBUG, "Cannot cancel a branch: " + e.getMessage());
        }
    }

    /**
     * Stops the phones of a click-to-call that still ring: all of them (the call ended before an
     * answer), or all but the one that answered, told it was answered elsewhere. Holds the call's monitor.
     */
    void stopRinging(Call call, ClientTransaction answered) {
        for (ClientTransaction ct : call.userLegs) {
            if (ct != answered && ct.getApplicationData() instanceof CallOriginate.UserLeg leg) {
                if (answered == null) {
                    cancelTx(ct, leg.provider());
                } else {
                    cancelElsewhere(ct, leg.provider());
                }
                byDialog.remove(leg.dialog());
            }
        }
        call.userLegs.clear();
    }

    /** Cancels a branch another branch has answered: with the cause phones read as "answered on another phone". */
    void cancelElsewhere(ClientTransaction tx, SipProvider provider) {
        if (!pending(tx)) {
            return;
        }
        try {
            Request cancel = tx.createCancel();
            cancel.addHeader(headers.createHeader("Reason", ELSEWHERE));
            ClientTransaction ct = provider.getNewClientTransaction(cancel);
            ladders.sent(cancel);
            ct.sendRequest();
        } catch (SipException | ParseException e) {
            LOG.log(Level.DEBUG, "Cannot cancel a branch: " + e.getMessage());
        }
    }

    /** @return the call's record as it stands (at its end, or at its answer with no end yet) */
    CallRecord record(Call call, Disposition disposition) {
        return CallToRecord.of(call, disposition, source, journal == null ? null : journal.node());
    }

    /** Stops the phones that ring and forgets leg B: the call starts again towards another destination. */
    void leaveLegB(Call call) {
        cancelTimer(call);
        teardown.cancelB(call);
        call.bTx = null;
        if (call.bDialog != null) {
            byDialog.remove(call.bDialog);
            call.bDialog = null;
        }
        releaseTrunk(call);
        call.trunkOut = null;
        call.candidates.clear();
        call.mainDone = false;
        call.bestFailure = 0;
        call.bestReason = null;
        call.state = Call.State.SETUP;
        // the next destination gets an offer of its own through the relay, or the caller's as it was; a call its
        // target handed on keeps its session: the caller's phone was answered with its ports, and sends there
        if (!call.redirected) {
            MediaAnchor.release(call);
        }
    }

    /** @return whether the user is in an answered call, as caller or callee, on this server */
    boolean inCall(String user) {
        for (Call c : calls.values()) {
            if (c.state == Call.State.ANSWERED && (user.equals(c.calleeUser) || c.trunkIn == null
                    && user.equals(c.caller))) {
                return true;
            }
        }
        return false;
    }

    /** @return how many calls the user has besides this one, made or received, ringing or answered */
    int callsOf(String user, Call besides) {
        int n = 0;
        for (Call c : calls.values()) {
            if (c != besides && c.state != Call.State.ENDED && (user.equals(c.calleeUser) || c.trunkIn == null
                    && user.equals(c.caller))) {
                n++;
            }
        }
        return n;
    }

    void leaveSetup(Call call) {
        if (call.inSetup) {
            call.inSetup = false;
            inSetup.decrementAndGet();
        }
    }

    /** Gives back the channel of the trunk leg B went to (it keeps the name for the record). */
    void releaseTrunk(Call call) {
        if (call.trunkOut != null && !call.trunkReleased) {
            trunks.state(call.trunkOut.name()).channels.decrementAndGet();
            call.trunkReleased = true;
        }
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    static String e164(String number) {
        return number != null && E164.matcher(number).matches() ? number : null;
    }

    void cancelTimer(Call call) {
        if (call.ringTimer != null) {
            call.ringTimer.cancel(false);
        }
    }

    void reply(ServerTransaction tx, Request request, int status, String reason) throws Exception {
        Response r = messages.createResponse(status, request);
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        send(tx, r, null);
    }

    /** Sends on leg A with the call's To tag (one tag for every response of the dialog). */
    void send(ServerTransaction tx, Response r, Call call) throws SipException, InvalidArgumentException {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        try {
            if (to.getTag() == null) {
                to.setTag(call == null ? tag() : call.aTag);
            }
            if (call != null && r.getStatusCode() > 100 && r.getStatusCode() < 300
                    && r.getHeader(ContactHeader.NAME) == null) {
                r.addHeader(legs.contactOnLegA(call));
            }
        } catch (ParseException e) {
            throw new SipException("Cannot prepare a response", e);
        }
        respond(tx, r);
    }

    /**
     * Sends a response in its transaction, kept in the call's ladder first: the answer to it may
     * come in on another thread before the send returns.
     */
    void respond(ServerTransaction tx, Response r) throws SipException, InvalidArgumentException {
        ladders.sent(r);
        tx.sendResponse(r);
    }

    /** Sends an ACK for a 2xx in its dialog, kept in the call's ladder first. */
    void sendAck(Dialog d, Request ack) throws SipException {
        ladders.sent(ack);
        d.sendAck(ack);
    }

    /** ACK for a 2xx answer on leg B's dialog (or a branch the call left). */
    void ackAnswer(Dialog d, Response answer) throws SipException, InvalidArgumentException, ParseException {
        sendAck(d, legs.advertised(d.createAck(((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber())));
    }

    /** Copies a body from one leg's message to the other's, through the media relay when the call is anchored. */
    void copyBody(Call call, boolean fromA, Message from, Message to)
            throws ParseException {
        if (from instanceof Request request) {
            MediaAnchor.heardFrom(call, fromA ? Leg.A : Leg.B,
                    PacketSource.of(request).host());
        } else if (from instanceof SIPMessage m && m.getRemoteAddress() != null) {
            MediaAnchor.heardFrom(call, fromA ? Leg.A : Leg.B,
                    m.getRemoteAddress().getHostAddress());
        }
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        boolean sdp = type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
        // only SDP goes through the relay's rewriting: a transfer's NOTIFY carries message/sipfrag
        byte[] raw = sdp && call.noVideo ? Sdp.withoutVideo(from.getRawContent()) : from.getRawContent();
        byte[] body = sdp ? media.body(call, fromA, raw) : raw;
        if (sdp && call.endA != null && call.endB != null) {
            // re-INVITEs, UPDATEs and answers too: SRTP keys cross only from a TLS leg to a TLS leg
            body = SrtpPolicy.crossing(body, fromA ? call.endA : call.endB, fromA ? call.endB : call.endA);
        }
        if (body != null && body.length > 0 && type != null) {
            to.setContent(body, headers.createContentTypeHeader(type.getContentType(), type.getContentSubType()));
        }
    }

    static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** @return the call of that id, or of that SIP Call-ID on either leg, or null */
    Call lookup(String id) {
        Call call = calls.get(id);
        if (call == null) {
            call = byACallId.get(id);
        }
        if (call == null) {
            call = calls.values().stream().filter(c -> id.equals(c.bCallId)).findFirst().orElse(null);
        }
        return call;
    }

    void bye(Dialog dialog, SipProvider provider) {
        if (dialog == null || dialog.getState() == null || dialog.getState() == DialogState.TERMINATED) {
            return;
        }
        try {
            Request bye = legs.advertised(dialog.createRequest(Request.BYE));
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            ladders.sent(bye);
            dialog.sendRequest(ct);
        } catch (SipException | ParseException e) {
            LOG.log(Level.DEBUG, "Cannot send BYE: " + e.getMessage());
        }
    }
}
