package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.time.Instant;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;

/**
 * What passes between a call's legs: provisional and final responses of leg B to leg A (answers made
 * durable first, forked branches and failover), requests inside the dialogs (re-INVITE, UPDATE, INFO)
 * and ACKs, their bodies unchanged.
 */
final class CallRelay extends CallPart {

    /** Ends calls with call targets once their callers' phones took the call elsewhere. */
    CallTransfer transfer;
    /** What a blind transfer's REFER and its NOTIFYs need to keep on their way to the other leg (RFC 3515) */
    private static final java.util.List<String> TRANSFER_HEADERS = java.util.List.of("Refer-To", "Referred-By", "Event",
            "Subscription-State");

    CallRelay(CallPart shared) {
        super(shared);
    }

    /** A request inside an existing dialog (BYE, re-INVITE, UPDATE, INFO, ...). */
    void inDialog(RequestEvent event, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        Dialog dialog = event.getDialog();
        Call call = dialog == null ? null : byDialog.get(dialog);
        if (call == null) {
            respond(tx, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        synchronized (call) {
            boolean fromA = call.isA(dialog);
            Dialog other = fromA ? call.bDialog : call.aDialog;
            SipProvider otherProvider = fromA ? call.bProvider : call.aProvider;
            if (Request.BYE.equals(request.getMethod())) {
                respond(tx, messages.createResponse(Response.OK, request));
                if (call.state == Call.State.ANSWERED) {
                    call.end = Instant.now();
                    call.hangupSide = fromA ? HangupSide.CALLER : HangupSide.CALLEE;
                    bye(other, otherProvider);
                    teardown.finish(call);
                } else if (call.originated && fromA && call.state != Call.State.ENDED) {
                    // the user hung up a click-to-call while the number rang
                    cancelTimer(call);
                    teardown.cancelB(call);
                    call.noDivert = true;
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.CALLER;
                    call.disposition = io.switchboard.cdr.api.Disposition.CANCELLED;
                    call.reason = call.caller + " hung up while " + call.callee + " rang";
                    teardown.finish(call);
                }
                return;
            }
            if (call.callTarget != null && call.state == Call.State.ANSWERED) {
                // no leg B: the target's session stays as it answered it (hold and resume included)
                Response ok = messages.createResponse(Response.OK, request);
                if (request.getMethod().equals(Request.INVITE) || request.getRawContent() != null
                        && request.getMethod().equals(Request.UPDATE)) {
                    ok.setContent(call.targetSdp, headers.createContentTypeHeader("application", "sdp"));
                }
                send(tx, ok, call);
                if (Request.NOTIFY.equals(request.getMethod())) {
                    transfer.progress(call, request);
                }
                return;
            }
            if (call.state != Call.State.ANSWERED || other == null) {
                respond(tx, messages.createResponse(Response.REQUEST_PENDING, request));
                return;
            }
            if (Request.REFER.equals(request.getMethod()) && (fromA ? call.trunkOut != null : call.trunkIn != null)) {
                refuseTransferToCarrier(call, fromA, request, tx);
                return;
            }
            Request relayed = legs.advertised(other.createRequest(request.getMethod()));
            copyBody(call, fromA, request, relayed);
            for (String name : TRANSFER_HEADERS) {
                java.util.ListIterator<?> values = request.getHeaders(name);
                while (values.hasNext()) {
                    relayed.addHeader((javax.sip.header.Header) ((javax.sip.header.Header) values.next()).clone());
                }
            }
            ClientTransaction ct = otherProvider.getNewClientTransaction(relayed);
            ct.setApplicationData(new Relay(call, tx, fromA));
            ladders.sent(ct.getRequest());
            other.sendRequest(ct);
        }
    }

    /**
     * A REFER towards a carrier's leg would have the carrier call Refer-To on our account, past every
     * class of service: it never leaves. The target is judged by routing as the referring user so that
     * the refusal says whether that user could call it at all.
     */
    private void refuseTransferToCarrier(Call call, boolean fromA, Request request, ServerTransaction tx)
            throws Exception {
        String user = fromA ? call.caller : call.callee;
        javax.sip.header.Header referTo = request.getHeader("Refer-To");
        String target = null;
        if (referTo instanceof javax.sip.header.ReferToHeader r && r.getAddress().getURI() instanceof javax.sip.address.SipURI u) {
            target = u.getUser();
        }
        String verdict;
        if (target == null) {
            verdict = "Refer-To names no number or user";
        } else {
            io.switchboard.sip.api.routing.RouteDecision d = provisioning.routing().route(
                    new io.switchboard.sip.api.routing.RouteRequest(user, null, target, Instant.now()));
            verdict = d.outcome() == io.switchboard.sip.api.routing.RouteDecision.Outcome.REJECTED
                    ? user + " may not call " + target + ": " + String.join("; ", d.reasons().subList(
                            Math.max(0, d.reasons().size() - 1), d.reasons().size()))
                    : user + " may call " + target + ", but the switch does not hand transfers to carriers";
        }
        LOG.log(Level.WARNING, "REFER of call " + call.id + " towards trunk " + (fromA ? call.trunkOut.name()
                : call.trunkIn) + " refused: " + verdict);
        reply(tx, request, Response.FORBIDDEN, "Transfer not relayed to the carrier: " + verdict);
    }

    /** ACK for a 2xx from the caller: with a late offer, its body is the answer leg B still waits for. */
    void ack(RequestEvent event) throws Exception {
        Dialog dialog = event.getDialog();
        Call call = dialog == null ? null : byDialog.get(dialog);
        if (call == null || !call.isA(dialog)) {
            return;
        }
        synchronized (call) {
            if (call.lateOffer && !call.bAcked && call.bDialog != null) {
                Request ack = legs.advertised(call.bDialog.createAck(call.bAnswerCseq));
                copyBody(call, true, event.getRequest(), ack);
                sendAck(call.bDialog, ack);
                call.bAcked = true;
            }
        }
    }

    void response(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (ct == null) {
            // a retransmitted 2xx of an INVITE: acknowledge it again
            if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(cseq.getMethod())
                    && event.getDialog() != null) {
                Dialog d = event.getDialog();
                sendAck(d, legs.advertised(d.createAck(cseq.getSeqNumber())));
            }
            return;
        }
        Object data = ct.getApplicationData();
        if (data instanceof Relay relay) {
            relayResponse(relay, event);
        } else if (data instanceof Call call && Request.INVITE.equals(cseq.getMethod())) {
            synchronized (call) {
                inviteResponse(call, event);
            }
        } else if (data instanceof CallOriginate.UserLeg leg && Request.INVITE.equals(cseq.getMethod())) {
            synchronized (leg.call()) {
                originate.response(leg, event);
            }
        } else if (data instanceof Call.Fork fork && Request.INVITE.equals(cseq.getMethod())) {
            synchronized (fork.call) {
                forkResponse(fork, event);
            }
        }
    }

    /** Tells ring groups who answered; or null. */
    volatile CallHunt hunt;
    /** Takes the answers of the user's phone of a click-to-call. */
    CallOriginate originate;

    void inviteResponse(Call call, ResponseEvent event) throws Exception {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (event.getClientTransaction() != call.bTx) {
            // a branch this call has left (failed over, or lost to a parallel branch)
            if (status / 100 == 2 && event.getDialog() != null) {
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, call.bProvider);
            }
            return;
        }
        if (call.state == Call.State.ENDED) {
            if (status / 100 == 2) {
                // answered after we gave up (crossed with CANCEL or timeout): take it down
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, call.bProvider);
            }
            return;
        }
        if (status < 200) {
            provisional(call, r);
            return;
        }
        cancelTimer(call);
        if (status < 300) {
            call.mainDone = true;
            cancelForks(call, true);
            if (hunt != null && call.hunt != null && call.hunt.numberRinging != null) {
                hunt.answered(call, call.hunt.numberRinging);
            }
            leaveSetup(call);
            call.state = Call.State.ANSWERED;
            call.answer = Instant.now();
            if (call.media != null) {
                call.media.answered(); // the media timeout counts from here, packets or not
            }
            sessionTimers.answered(call, r);
            if (call.ring == null) {
                call.ring = call.answer;
            }
            call.sipCode = status;
            call.reason = r.getReasonPhrase();
            call.codec = Sdp.firstCodec(r.getRawContent());
            call.streams = Sdp.streams(r.getRawContent());
            call.encrypted = SrtpPolicy.encrypted(r.getRawContent());
            if (!call.lateOffer) {
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                call.bAcked = true;
            }
            call.bAnswerCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Response a = messages.createResponse(status, call.aInvite);
            copyBody(call, false, r, a);
            // durable before the caller hears it is answered: a crash from now on leaves a record
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Call " + call.aCallId() + " answered without its journal row: "
                            + failure.getMessage());
                }
                relayAnswer(call, a);
            });
            return;
        }
        if (call.trunkOut != null && (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && !call.carrierAuthAnswered) {
            // the carrier wants our trunk credentials: the same INVITE again, with them
            call.carrierAuthAnswered = true;
            try {
                Request retry = (Request) call.bTx.getRequest().clone();
                retry.removeHeader(ViaHeader.NAME);
                ViaHeader old = (ViaHeader) call.bTx.getRequest().getHeader(ViaHeader.NAME);
                retry.addHeader(headers.createViaHeader(old.getHost(), old.getPort(), old.getTransport(), null));
                CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
                cseq.setSeqNumber(cseq.getSeqNumber() + 1);
                trunks.authorize(retry, r, call.trunkOut);
                setup.legB.sendB(call, call.bProvider, retry, call.target);
                return;
            } catch (Exception e) {
                call.attempts.add(call.trunkOut.name() + ": cannot answer the carrier's challenge: " + e.getMessage());
            }
        }
        if (call.trunkOut != null && CallOutcomes.failsOver(status) && !call.candidates.isEmpty()) {
            // failover: this trunk could not take the call, the next one of the route may
            call.attempts.add(call.trunkOut.name() + ": " + status + " " + r.getReasonPhrase());
            releaseTrunk(call);
            if (setup.outbound.nextTrunk(call)) {
                return;
            }
        }
        if (call.trunkOut == null) {
            // a forked call fails only when every branch has failed, with the best of their answers
            call.mainDone = true;
            call.failed(status, r.getReasonPhrase());
            if (call.forks.stream().anyMatch(f -> !f.done)) {
                return;
            }
            teardown.failBest(call);
            return;
        }
        teardown.failMapped(call, status, r.getReasonPhrase());
    }

    /** 18x from the callee side: the caller hears it, with its body (early media). */
    void provisional(Call call, Response r) throws Exception {
        int status = r.getStatusCode();
        if (call.ring == null && (status == Response.RINGING || status == Response.SESSION_PROGRESS)) {
            call.ring = Instant.now();
            events.post(SipEvents.CALL_RINGING, call);
        }
        call.state = Call.State.EARLY;
        if (call.originated) {
            // the user's phone answered already and has the relay's address: the number's early media
            // (its ringing, an operator's announcement) reaches it through the relay, without a message
            if (r.getRawContent() != null && r.getRawContent().length > 0) {
                copyBody(call, false, r, messages.createResponse(status, call.aInvite));
            }
            return;
        }
        Response a = messages.createResponse(status, call.aInvite);
        a.setReasonPhrase(r.getReasonPhrase());
        copyBody(call, false, r, a);
        send(call.aTx, a, call);
    }

    /** A response on a parallel branch: rings the caller, wins the call with a 2xx, or fails quietly. */
    void forkResponse(Call.Fork f, ResponseEvent event) throws Exception {
        Call call = f.call;
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (f.done || call.state == Call.State.ENDED || call.state == Call.State.ANSWERED) {
            // a branch the call has left (cancelled, its step over) or lost: an answer is taken down
            if (status / 100 == 2) {
                // answered too late: another branch has the call
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, f.provider);
            }
            f.done = status >= 200;
            return;
        }
        if (status < 200) {
            provisional(call, r); // ringing is ringing, whichever phone it is
            return;
        }
        f.done = true;
        if (status < 300) {
            // this branch wins: it becomes leg B; the others stop ringing
            if (!call.mainDone && call.bTx != null) {
                cancelElsewhere(call.bTx, call.bProvider);
            }
            call.mainDone = true;
            call.bProvider = f.provider;
            call.bTx = f.ct;
            call.bDialog = f.dialog;
            call.bCallId = f.callId;
            call.target = f.target;
            if (f.member != null) {
                call.calleeUser = f.member;
                if (hunt != null) {
                    hunt.answered(call, f.member);
                }
            }
            byDialog.put(f.dialog, call);
            inviteResponse(call, event);
            return;
        }
        call.failed(status, r.getReasonPhrase());
        if (call.mainDone && call.forks.stream().allMatch(x -> x.done)) {
            teardown.failBest(call);
        }
    }

    void cancelForks(Call call) {
        cancelForks(call, false);
    }

    /**
     * @param answered whether another branch took the call: the phones hear "Call completed elsewhere"
     *            (RFC 3326) and log no missed call
     */
    void cancelForks(Call call, boolean answered) {
        for (Call.Fork f : call.forks) {
            if (!f.done) {
                f.done = true;
                if (answered) {
                    cancelElsewhere(f.ct, f.provider);
                } else {
                    cancelTx(f.ct, f.provider);
                }
            }
        }
    }

    void relayResponse(Relay relay, ResponseEvent event) throws Exception {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (status / 100 == 2 && Request.INVITE.equals(cseq.getMethod())) {
            Dialog d = event.getDialog();
            sendAck(d, legs.advertised(d.createAck(cseq.getSeqNumber())));
        }
        if (relay.from().getState() == javax.sip.TransactionState.TERMINATED) {
            return;
        }
        Response back = messages.createResponse(status, relay.from().getRequest());
        back.setReasonPhrase(r.getReasonPhrase());
        copyBody(relay.call(), !relay.fromA(), r, back);
        if (status / 100 == 2 && Request.INVITE.equals(cseq.getMethod())) {
            back.addHeader(relay.fromA() ? legs.contactOnLegA(relay.call())
                    : legs.contactFor(relay.from().getRequest(), relay.call().bProvider, relay.call().sips()));
        }
        respond(relay.from(), back);
    }

    void relayAnswer(Call call, Response answer) {
        synchronized (call) {
            if (call.state != Call.State.ANSWERED) {
                return; // ended while the answer was being made durable
            }
            try {
                if (!call.originated) { // the user's phone of a click-to-call has the relay's address already
                    send(call.aTx, answer, call);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot relay the answer of call " + call.aCallId() + ": " + e);
            }
            events.post(SipEvents.CALL_ANSWERED, call);
        }
    }
}
