package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.ListIterator;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;

/**
 * Requests inside a call's dialogs: BYE ends the call, re-INVITE, UPDATE, INFO, REFER and NOTIFY go
 * to the other leg with their bodies (or are answered by the call target that holds the call), a callee's REFER to
 * an anchored target is completed by the switch, and a REFER towards a carrier is refused.
 */
final class CallInDialog extends CallPart {

    /** What a blind transfer's REFER and its NOTIFYs need to keep on their way to the other leg (RFC 3515) */
    private static final List<String> TRANSFER_HEADERS = List.of("Refer-To", "Referred-By", "Event",
            "Subscription-State");
    /** Follows the transfers the calls' phones ask for. */
    CallTransfer transfer;
    /** Completes the callees' transfers of their callers to anchored targets. */
    CallHandOver handOver;
    /** The transfers passed on to a phone of a user, for the call that phone makes next. */
    Referrals referrals;

    CallInDialog(CallPart shared) {
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
                } else if (call.switchAnswered() && fromA && call.state != Call.State.ENDED) {
                    // the user hung up a click-to-call while the number rang
                    cancelTimer(call);
                    teardown.cancelB(call);
                    call.noDivert = true;
                    call.noReturn = true;
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.CALLER;
                    call.disposition = Disposition.CANCELLED;
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
                if (ok.getRawContent() != null && request.getRawContent() != null) {
                    reoffered(call, request.getRawContent());
                }
                if (Request.NOTIFY.equals(request.getMethod())) {
                    transfer.progress(call, request);
                }
                if (Request.INFO.equals(request.getMethod())) {
                    key(call, InfoKeys.of(request));
                }
                return;
            }
            if (call.state != Call.State.ANSWERED || other == null) {
                respond(tx, messages.createResponse(Response.REQUEST_PENDING, request));
                return;
            }
            CallHandOver.Destination to = Request.REFER.equals(request.getMethod())
                    ? handOver.destination(call, fromA, request) : null;
            if (to != null) {
                handOver.hand(call, tx, to);
                return;
            }
            if (Request.REFER.equals(request.getMethod()) && (fromA ? call.trunkOut != null : call.trunkIn != null)) {
                refuseTransferToCarrier(call, fromA, request, tx);
                return;
            }
            if (Request.REFER.equals(request.getMethod())) {
                String refused = referRefusal(call, fromA, request);
                if (refused != null) {
                    LOG.log(Level.WARNING, "REFER of call " + call.id + " refused: " + refused);
                    reply(tx, request, Response.FORBIDDEN, "Transfer not relayed: " + refused);
                    return;
                }
                String transferee = fromA ? call.calleeUser : call.trunkIn == null ? call.caller : null;
                if (transferee != null) {
                    referrals.referred(transferee, referTarget(request), fromA ? call.caller : call.calleeUser);
                }
            }
            Request relayed = legs.advertised(other.createRequest(request.getMethod()));
            copyBody(call, fromA, request, relayed);
            for (String name : TRANSFER_HEADERS) {
                ListIterator<?> values = request.getHeaders(name);
                while (values.hasNext()) {
                    relayed.addHeader((Header) ((Header) values.next()).clone());
                }
            }
            ClientTransaction ct = otherProvider.getNewClientTransaction(relayed);
            ct.setApplicationData(new Relay(call, tx, fromA));
            ladders.sent(ct.getRequest());
            other.sendRequest(ct);
        }
    }

    /**
     * A REFER is followed by the phone it reaches, on that phone's account: so it is judged as the one who
     * sent it. A carrier's is never passed on (the outside party would pick what our user's phone calls),
     * and a user's only to what that user may call themselves: no feature code, no emergency number.
     *
     * @return why the REFER is not relayed, or null
     */
    private String referRefusal(Call call, boolean fromA, Request request) {
        if (fromA ? call.trunkIn != null : call.trunkOut != null) {
            return "a carrier's REFER would have our phone call what the carrier names";
        }
        String user = fromA ? call.caller : call.calleeUser;
        String target = referTarget(request);
        if (user == null || target == null) {
            return "Refer-To names no number or user";
        }
        if (target.indexOf('*') >= 0 || target.indexOf('#') >= 0 || target.indexOf('%') >= 0) {
            return target + " is a feature code: a transfer goes to numbers and users only";
        }
        RouteDecision d = provisioning.routing().route(new RouteRequest(user, null, target, Instant.now()));
        if (d.emergency()) {
            return target + " is an emergency number: it is dialled from a phone, not transferred to";
        }
        if (d.outcome() == RouteDecision.Outcome.REJECTED) {
            return user + " may not call " + target + ": " + (d.reasons().isEmpty() ? d.status()
                    : d.reasons().get(d.reasons().size() - 1));
        }
        return null;
    }

    /** @return the user part of Refer-To, or null */
    private static String referTarget(Request request) {
        if (request.getHeader("Refer-To") instanceof ReferToHeader r && r.getAddress().getURI() instanceof SipURI u) {
            return u.getUser();
        }
        return null;
    }

    /** The target hears of a key the caller's phone sent in INFO; one that fails on it keeps the call. */
    private static void key(Call call, Character key) {
        if (key == null) {
            return;
        }
        try {
            call.callTarget.key(call.id, key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target of call " + call.id + " failed on a key: " + e);
        }
    }

    /** The target hears of the caller's new offer; one that fails on it keeps the call. */
    private void reoffered(Call call, byte[] offer) {
        try {
            call.callTarget.reoffered(call.id, new String(offer, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target of call " + call.id + " failed on a new offer: " + e);
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
        String target = referTarget(request);
        String verdict;
        if (target == null) {
            verdict = "Refer-To names no number or user";
        } else {
            RouteDecision d = provisioning.routing().route(new RouteRequest(user, null, target, Instant.now()));
            verdict = d.outcome() == RouteDecision.Outcome.REJECTED
                    ? user + " may not call " + target + ": " + String.join("; ", d.reasons().subList(
                            Math.max(0, d.reasons().size() - 1), d.reasons().size()))
                    : user + " may call " + target + ", but the switch does not hand transfers to carriers";
        }
        LOG.log(Level.WARNING, "REFER of call " + call.id + " towards trunk " + (fromA ? call.trunkOut.name()
                : call.trunkIn) + " refused: " + verdict);
        reply(tx, request, Response.FORBIDDEN, "Transfer not relayed to the carrier: " + verdict);
    }
}
