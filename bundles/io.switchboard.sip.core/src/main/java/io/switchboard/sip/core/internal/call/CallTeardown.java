package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.media.api.Leg;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.stack.StackLogBudget;

/**
 * How a call ends: BYE from either leg, CANCEL, ring timeout, failure of every branch (the best
 * final response given to the caller), transaction timeouts, the stack ending a dialog, the admin
 * hanging up; then the record handed over and the trunk's channel released.
 */
final class CallTeardown extends CallPart {

    /** Failed setups reach the log a few a minute: a stream of bad offers must not flood it. */
    private static final StackLogBudget SETUP_LOG =
            new StackLogBudget(20, 60_000, "%d more call(s) ended in setup");

    /** Takes failing calls to users on to where they forward, or to their voicemail; or null. */
    volatile CallForward forward;
    /** Takes calls to ring groups from step to step; or null. */
    volatile CallHunt hunt;
    /** Takes back to their call target the redirects that found nobody, or null. */
    volatile CallRedirect redirect;

    CallTeardown(CallPart shared) {
        super(shared);
    }

    /** CANCEL of a pending INVITE from the caller. */
    void cancel(RequestEvent event, ServerTransaction tx) throws Exception {
        Request cancel = event.getRequest();
        Call call = byACallId.get(((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null) {
            respond(tx, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
            return;
        }
        respond(tx, messages.createResponse(Response.OK, cancel));
        synchronized (call) {
            if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                cancelB(call);
                failA(call, Response.REQUEST_TERMINATED, null, Disposition.CANCELLED, HangupSide.CALLER);
            } else if (call.state == Call.State.ANSWERED && answerOnItsWay(call)) {
                // the caller has no final answer yet (its 200 waits for the journal's commit), so its CANCEL
                // still counts (RFC 3261 9.2): a 200 after it went unacknowledged, resent for 32 s and billed
                withdrawAnswer(call);
                failA(call, Response.REQUEST_TERMINATED, null, Disposition.CANCELLED, HangupSide.CALLER);
            }
        }
    }

    /** @return whether the caller has not yet been sent the answer of an answered call */
    private static boolean answerOnItsWay(Call call) {
        return !call.switchAnswered() && call.aTx != null && (call.aTx.getState() == TransactionState.PROCEEDING
                || call.aTx.getState() == TransactionState.TRYING);
    }

    /** Ends the callee's answered leg and forgets the answer and its journal row. Holds the call's monitor. */
    private void withdrawAnswer(Call call) {
        try {
            if (!call.bAcked) {
                sendAck(call.bDialog, legs.advertised(call.bDialog.createAck(call.bAnswerCseq)));
                call.bAcked = true;
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot acknowledge the withdrawn answer of " + call.id + ": " + e);
        }
        bye(call.bDialog, call.bProvider);
        if (journal != null) {
            journal.withdrawn(record(call, Disposition.ANSWERED));
        }
        call.answer = null;
    }

    void failBest(Call call) {
        failMapped(call, call.bestFailure, call.bestReason);
    }

    /** The callee side's final failure, as the caller should hear it, and as the record says it. */
    void failMapped(Call call, int status, String reason) {
        failA(call, CallOutcomes.callerStatus(status), reason, CallOutcomes.disposition(status), HangupSide.CALLEE);
    }

    void timeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Object data = event.getClientTransaction().getApplicationData();
        if (data instanceof Call call) {
            synchronized (call) {
                if (call.trunkOut != null && call.state == Call.State.SETUP) {
                    // no answer at all from the carrier: it is down; try the next trunk
                    trunks.mark(trunks.state(call.trunkOut.name()), false);
                    call.attempts.add(call.trunkOut.name() + ": no response");
                    releaseTrunk(call);
                    if (setup.outbound.nextTrunk(call)) {
                        return;
                    }
                }
                if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                    cancelTimer(call);
                    failA(call, Response.REQUEST_TIMEOUT, "Callee did not answer", Disposition.FAILED,
                            HangupSide.SYSTEM);
                }
            }
        } else if (data instanceof Relay relay) {
            try {
                respond(relay.from(), messages.createResponse(Response.REQUEST_TIMEOUT, relay.from().getRequest()));
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot relay a timeout: " + e);
            }
        }
    }

    void dialogTerminated(Dialog dialog) {
        Call call = byDialog.remove(dialog);
        if (call != null) {
            synchronized (call) {
                if (call.state == Call.State.ANSWERED && (dialog == call.aDialog || dialog == call.bDialog)) {
                    // the stack gave up on the dialog (for example a transport failure)
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.SYSTEM;
                    bye(call.isA(dialog) ? call.bDialog : call.aDialog, call.isA(dialog) ? call.bProvider : call.aProvider);
                    finish(call);
                }
            }
        }
    }

    /** @param id the call's id, or the SIP Call-ID of either of its legs */
    boolean hangup(String id) {
        Call call = lookup(id);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            switch (call.state) {
                case ANSWERED -> {
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.SYSTEM;
                    bye(call.aDialog, call.aProvider);
                    bye(call.bDialog, call.bProvider);
                    finish(call);
                }
                case SETUP, EARLY -> {
                    cancelTimer(call);
                    cancelB(call);
                    call.noDivert = true;
                    call.noReturn = true;
                    failA(call, Response.TEMPORARILY_UNAVAILABLE, "Hung up by the administrator", Disposition.FAILED,
                            HangupSide.SYSTEM);
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    void ringTimeout(Call call) {
        synchronized (call) {
            if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                cancelB(call);
                failA(call, Response.TEMPORARILY_UNAVAILABLE, "No answer", Disposition.NO_ANSWER, HangupSide.SYSTEM);
            }
        }
    }

    void cancelB(Call call) {
        relay.cancelForks(call);
        if (call.bTx == null) {
            return;
        }
        // before a provisional answer RFC 3261 9.1 would wait for one; the stack's timer ends the
        // transaction either way, and a late 2xx is taken down in inviteResponse
        cancelTx(call.bTx, call.bProvider);
    }

    /** The relay heard nothing from one leg for its media timeout: the call ends on both legs. */
    void mediaTimeout(String id, Leg silent) {
        Call call = calls.get(id);
        if (call != null) {
            endAnswered(call, "Media timeout: no RTP from the " + (silent == Leg.A ? "caller"
                    : "callee"));
        }
    }

    /** A session refresh found one leg gone (RFC 4028): the call ends on both legs. */
    void sessionExpired(Call call, boolean caller, String why) {
        endAnswered(call, "Session expired: the " + (caller ? "caller" : "callee") + " is gone (" + why + ")");
    }

    private void endAnswered(Call call, String reason) {
        synchronized (call) {
            if (call.state != Call.State.ANSWERED) {
                return;
            }
            call.end = Instant.now();
            call.hangupSide = HangupSide.SYSTEM;
            call.reason = reason;
            bye(call.aDialog, call.aProvider);
            bye(call.bDialog, call.bProvider);
            finish(call);
        }
    }

    /** Final failure towards the caller; ends the call and writes its record. Holds the call's monitor. */
    void failA(Call call, int status, String reason, Disposition disposition, HangupSide side) {
        if (hunt != null && hunt.failed(call, status, reason, disposition)
                || forward != null && forward.failed(call, status, reason, disposition)
                // not a caller who left, nor an admin's hang-up: a destination that found nobody
                || redirect != null && side != HangupSide.CALLER && !call.noReturn
                        && redirect.back(call, status, reason)) {
            return;
        }
        try {
            if (call.switchAnswered()) {
                // leg A is the switch's own: the user's phone is told with BYE, or CANCEL while it rings
                if (call.bTx == null && !call.userLegs.isEmpty() && call.state == Call.State.SETUP) {
                    stopRinging(call, null);
                } else {
                    bye(call.aDialog, call.aProvider);
                }
            } else if (call.aTx.getState() != TransactionState.TERMINATED
                    && call.aTx.getState() != TransactionState.COMPLETED) {
                Response r = messages.createResponse(status, call.aInvite);
                if (reason != null && !reason.isBlank()) {
                    r.setReasonPhrase(reason);
                }
                send(call.aTx, r, call);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot answer the caller of " + call.id + ": " + e);
        }
        call.sipCode = status;
        call.reason = reason;
        call.disposition = disposition;
        call.hangupSide = side;
        call.end = Instant.now();
        finish(call);
    }

    /**
     * A call whose setup threw: 488 when its offer could not be read, 503 when the database did not
     * answer (the caller or its carrier may try elsewhere or later), else 500; the cause in the log.
     * Only the offer's fault is named to the caller: a reason phrase never shows the switch's internals.
     */
    void failedSetup(Call call, Throwable e) {
        if (call.state == Call.State.ENDED && !calls.containsKey(call.id)) {
            return;
        }
        boolean offer = Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().contains("Sdp")
                || f.getClassName().contains(".media."));
        boolean database = !offer && DatabaseFailures.among(e);
        String reason = (offer ? "The offer's SDP cannot be read: " : "Call setup failed: ")
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        failedSetups.incrementAndGet();
        if (SETUP_LOG.take(System.currentTimeMillis())) {
            // a bad offer is the caller's input, its trace says nothing; any other failure is ours
            LOG.log(Level.WARNING, "Call " + call.id + " from " + call.caller + " ended in setup: " + reason,
                    offer ? null : e);
        }
        int status = offer ? Response.NOT_ACCEPTABLE_HERE
                : database ? Response.SERVICE_UNAVAILABLE : Response.SERVER_INTERNAL_ERROR;
        String said = offer ? reason.replaceAll("[\\r\\n]+", " ")
                : database ? "Temporarily unavailable" : "Call setup failed";
        failA(call, status, said, Disposition.FAILED, HangupSide.SYSTEM);
    }

    void finish(Call call) {
        if (call.state == Call.State.ENDED && call.disposition != null && !calls.containsKey(call.id)) {
            return;
        }
        boolean answered = call.answer != null;
        if (answered) {
            call.disposition = Disposition.ANSWERED;
        }
        call.state = Call.State.ENDED;
        leaveSetup(call);
        cancelTimer(call);
        sessionTimers.ended(call);
        calls.remove(call.id);
        if (call.countedForCaller) {
            call.countedForCaller = false;
            userLimits.ended(call.limitedUser != null ? call.limitedUser : call.caller);
        }
        byACallId.remove(call.aCallId());
        ladders.close(call.aCallId());
        completed.incrementAndGet();
        if (call.media != null) {
            call.media.close();
        }
        CallRecord record = record(call, call.disposition);
        releaseTrunk(call);
        if (call.trunkIn != null) {
            trunks.state(call.trunkIn).channels.decrementAndGet();
        }
        if (call.media != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("callId", call.aCallId());
            report.put("codec", call.codec);
            report.put("qualityA", record.qualityA());
            report.put("qualityB", record.qualityB());
            ladders.quality(call.aCallId(), report);
        }
        try {
            records.accept(record);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot hand over the record of call " + call.aCallId() + ": " + e.getMessage());
        }
        events.post(SipEvents.CALL_ENDED, call);
        CallRelay.targetLeft(call, call.hangupSide == HangupSide.CALLER);
        if (call.callTarget != null) {
            try {
                call.callTarget.ended(call.id, call.hangupSide == HangupSide.CALLER);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call target of call " + call.aCallId() + " failed at its end: " + e);
            }
        }
    }
}
