package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.message.Request;

import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.handler.api.PendingRequest;

/**
 * Transfers of calls a call target answered (voicemail calling back a message's caller): the
 * caller's phone is asked to call elsewhere (REFER, RFC 3515) and places that call on its own
 * account, so its class of service applies; once it says the new call is answered, this one ends.
 */
final class CallTransfer extends CallPart {

    CallTransfer(CallPart shared) {
        super(shared);
    }

    /** @return whether the REFER went to the phone of a call answered by a call target */
    boolean refer(String id, String target) {
        Call call = lookup(id);
        if (call == null || target == null || target.isBlank()) {
            return false;
        }
        synchronized (call) {
            if (call.callTarget == null || call.state != Call.State.ANSWERED || call.aDialog == null) {
                return false;
            }
            if (call.trunkIn != null) {
                // the caller's carrier would call the target on our account, past every class of service
                LOG.log(Level.WARNING, "Transfer of call " + call.aCallId() + " from trunk " + call.trunkIn + " to "
                        + target + " refused: the switch does not hand transfers to carriers");
                return false;
            }
            try {
                // the phone dials us where it reached us for this call
                SipURI reached = (SipURI) call.aInvite.getRequestURI();
                SipURI to = addresses.createSipURI(target, reached.getHost());
                if (reached.getPort() > 0) {
                    to.setPort(reached.getPort());
                }
                if (reached.getTransportParam() != null) {
                    to.setTransportParam(reached.getTransportParam());
                }
                to.setSecure(reached.isSecure());
                Request refer = legs.advertised(call.aDialog.createRequest(Request.REFER));
                refer.addHeader(headers.createReferToHeader(addresses.createAddress(to)));
                ClientTransaction ct = call.aProvider.getNewClientTransaction(refer);
                ct.setApplicationData(new PendingRequest() {
                    @Override
                    public void response(ResponseEvent event) {
                        int status = event.getResponse().getStatusCode();
                        if (status >= 300) {
                            LOG.log(Level.INFO, "The phone of call " + call.aCallId() + " refused to call " + target
                                    + ": " + status);
                        }
                    }

                    @Override
                    public void timeout() {
                        LOG.log(Level.INFO, "The phone of call " + call.aCallId() + " did not answer the REFER");
                    }
                });
                ladders.sent(refer);
                call.aDialog.sendRequest(ct);
                call.transferredTo = target;
                return true;
            } catch (Exception e) {
                LOG.log(Level.INFO, "Cannot ask the phone of call " + call.aCallId() + " to call " + target + ": " + e);
                return false;
            }
        }
    }

    /**
     * A NOTIFY of the phone in a call it was asked to leave: once its new call is answered (a 2xx in
     * the sipfrag body), the transfer is done and this call ends. Holds the call's monitor.
     */
    void progress(Call call, Request notify) {
        byte[] body = notify.getRawContent();
        if (call.transferredTo == null || body == null || call.state != Call.State.ANSWERED
                || !new String(body, StandardCharsets.US_ASCII).startsWith("SIP/2.0 2")) {
            return;
        }
        call.end = Instant.now();
        call.hangupSide = HangupSide.CALLEE;
        bye(call.aDialog, call.aProvider);
        teardown.finish(call);
    }
}
