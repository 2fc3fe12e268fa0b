package io.switchboard.sip.core.internal.dispatch;

import io.switchboard.sip.stack.StrictMessageParser;

import java.util.Set;

import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Which handler a request goes to: the one decision the switch takes on every request before any
 * work, as a pure function of the request (RestComm sip-servlets' dispatcher factory is the model).
 * A request with a To tag belongs to a dialog whatever its method; without one, only INVITE starts
 * a call, REGISTER and OPTIONS are served on their own, and requests that exist only inside a
 * dialog find none (481); MESSAGE outside a dialog is a text message; SUBSCRIBE, new or in its
 * dialog, goes to the subscriptions.
 */
public enum RequestKind {
    /** Another SIP version than 2.0 in the request line: 505. */
    VERSION_NOT_SUPPORTED,
    /** An ACK: relayed to the other leg, never answered. */
    ACK,
    /** Answered 200 without a transaction (the keep-alive and "qualify" probe of every peer). */
    OPTIONS,
    /** Served by the registrar without a transaction. */
    REGISTER,
    /** CANCEL of a pending INVITE. */
    CANCEL,
    /** A request inside a dialog (its To has a tag): re-INVITE, BYE, UPDATE, INFO, ... */
    IN_DIALOG,
    /** A new call. */
    INITIAL_INVITE,
    /** A text message outside a dialog (RFC 3428). */
    MESSAGE,
    /** A subscription, new or refreshed (RFC 6665): its dialog is the subscription service's, not a call's. */
    SUBSCRIBE,
    /** A phone states its user's own state (RFC 3903). */
    PUBLISH,
    /** A request that exists only inside a dialog, sent outside one: 481. */
    NO_DIALOG,
    /** A method this switch does not serve outside a dialog: 501 with Allow. */
    NOT_IMPLEMENTED;

    /** The methods of SIP, counted by name; any other shares one counter. */
    private static final Set<String> SIP_METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER",
            "UPDATE", "INFO", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");
    private static final Set<String> IN_DIALOG_ONLY = Set.of("BYE", "UPDATE", "INFO", "PRACK");

    public static RequestKind of(Request request) {
        if (request instanceof SIPMessage m && m.getApplicationData() instanceof StrictMessageParser.UnsupportedVersion) {
            return VERSION_NOT_SUPPORTED;
        }
        String method = request.getMethod();
        switch (method) {
            case Request.ACK:
                return ACK;
            case Request.OPTIONS:
                return OPTIONS;
            case Request.REGISTER:
                return REGISTER;
            case Request.CANCEL:
                return CANCEL;
            default:
                break;
        }
        if (Request.SUBSCRIBE.equals(method)) {
            return SUBSCRIBE;
        }
        if (Request.PUBLISH.equals(method)) {
            return PUBLISH;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() != null) {
            return IN_DIALOG;
        }
        if (Request.INVITE.equals(method)) {
            return INITIAL_INVITE;
        }
        if (Request.MESSAGE.equals(method)) {
            return MESSAGE;
        }
        return IN_DIALOG_ONLY.contains(method) ? NO_DIALOG : NOT_IMPLEMENTED;
    }

    /**
     * REGISTER and OPTIONS are answered without a server transaction, as Kamailio's and OpenSIPS's
     * registrars answer them: a transaction lingers 32 s after its answer (Timer J), which at
     * thousands of registrations a second filled the stack's transaction table (past which it drops
     * requests) and cost a fifth of the CPU. A retransmission still being served is dropped; a later
     * one gets the same answer again (AnsweredRequests), an OPTIONS the same 200.
     *
     * @return true for the kinds served without a server transaction
     */
    public boolean stateless() {
        return this == OPTIONS || this == REGISTER || this == ACK || this == VERSION_NOT_SUPPORTED;
    }

    /** @return the name a request of this method is counted under: made-up methods share "other" */
    public static String counter(String method) {
        return SIP_METHODS.contains(method) ? method : "other";
    }
}
