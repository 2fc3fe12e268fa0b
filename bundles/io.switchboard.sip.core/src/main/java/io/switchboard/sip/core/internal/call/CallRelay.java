package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.time.Instant;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TransactionState;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.calltarget.CallTarget;

/**
 * What passes between a call's legs: provisional and final responses of leg B to leg A (answers made
 * durable first, forked branches and failover) and ACKs, their bodies unchanged; requests inside the
 * dialogs are {@link CallInDialog}'s.
 */
final class CallRelay extends CallPart {


    CallRelay(CallPart shared) {
        super(shared);
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
            if (!call.redirected) { // a redirected call was answered by its target, and is billed from then
                call.answer = Instant.now();
            }
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
        if (call.switchAnswered()) {
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
                MediaAnchor.users(call); // of the phones rung at once, the one that answered
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
        if (relay.from().getState() == TransactionState.TERMINATED) {
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

    /**
     * The target that handed the call on is told it ended for it: the destination has the caller now, or the caller
     * hung up while it rang.
     */
    static void targetLeft(Call call, boolean byCaller) {
        CallTarget left = call.redirectedFrom;
        call.redirectedFrom = null;
        if (left != null) {
            try {
                left.ended(call.id, byCaller);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call target of call " + call.aCallId() + " failed at its end: " + e);
            }
        }
    }

    /** The target that handed the call on learns whose phone answered: a queue that rang several agents. */
    private static void answeredBy(Call call) {
        CallTarget left = call.redirectedFrom;
        if (left != null && call.calleeUser != null) {
            try {
                left.answeredBy(call.id, call.calleeUser);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call target of call " + call.aCallId() + " failed at its answer: " + e);
            }
        }
    }

    void relayAnswer(Call call, Response answer) {
        Runnable then;
        synchronized (call) {
            call.answering = false;
            then = call.afterAnswer;
            call.afterAnswer = null;
            if (call.state != Call.State.ANSWERED) {
                return; // ended while the answer was being made durable
            }
            try {
                if (!call.switchAnswered()) { // a click-to-call's phone, a redirect's caller: on the relay already
                    send(call.aTx, answer, call);
                }
                answeredBy(call);
                targetLeft(call, false);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot relay the answer of call " + call.aCallId() + ": " + e);
            }
            events.post(SipEvents.CALL_ANSWERED, call);
        }
        if (then != null) {
            timer.execute(then); // off the call's lock: a redirect takes it again
        }
    }
}
