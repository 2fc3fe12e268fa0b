package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.AllowHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.handler.api.PendingRequest;

/**
 * RFC 4028 session timers for answered calls whose media does not pass the relay (the relay's
 * media timeout ends the others): the switch is the refresher on each of the call's dialogs. Every
 * half interval it sends each leg an UPDATE with {@code Session-Expires} (an in-dialog OPTIONS to a
 * leg that did not allow UPDATE). A leg that answers 481 or 408, or not at all, is gone (RFC 3261
 * 12.2.1.2), and the call ends on both legs; any other answer means it is still there.
 */
final class SessionTimers {

    private static final Logger LOG = System.getLogger(SessionTimers.class.getName());

    /** The peer whose dialog went away. */
    interface Gone {
        void gone(Call call, boolean caller, String why);
    }

    /** What every request the switch sends in a call goes through: its addresses, its ladder. */
    interface Outgoing {
        Request prepare(Request r) throws ParseException;
    }

    private final int seconds;
    private final ScheduledExecutorService timer;
    private final HeaderFactory headers;
    private final Gone gone;
    private final Outgoing outgoing;

    /** @param seconds the session interval; 0 turns session timers off */
    SessionTimers(int seconds, ScheduledExecutorService timer, HeaderFactory headers, Gone gone, Outgoing outgoing) {
        this.seconds = seconds;
        this.timer = timer;
        this.headers = headers;
        this.gone = gone;
        this.outgoing = outgoing;
    }

    /**
     * The call was answered: its refreshes start unless its media passes the relay.
     *
     * @param bAnswer the callee's 2xx, whose Allow tells whether leg B takes UPDATE; null without leg B
     */
    void answered(Call call, Response bAnswer) {
        if (seconds <= 0 || call.media != null) {
            return;
        }
        call.aTakesUpdate = allowsUpdate(call.aInvite);
        call.bTakesUpdate = bAnswer != null && allowsUpdate(bAnswer);
        long half = Math.max(1, seconds / 2);
        call.sessionTimer = timer.scheduleWithFixedDelay(() -> refresh(call), half, half, TimeUnit.SECONDS);
    }

    void ended(Call call) {
        if (call.sessionTimer != null) {
            call.sessionTimer.cancel(false);
        }
    }

    private void refresh(Call call) {
        synchronized (call) {
            if (call.state != Call.State.ANSWERED) {
                ended(call);
                return;
            }
            send(call, call.aDialog, call.aProvider, call.aTakesUpdate, true);
            if (call.bDialog != null) {
                send(call, call.bDialog, call.bProvider, call.bTakesUpdate, false);
            }
        }
    }

    private void send(Call call, Dialog dialog, SipProvider provider, boolean update, boolean caller) {
        try {
            Request r = dialog.createRequest(update ? Request.UPDATE : Request.OPTIONS);
            if (update) {
                r.addHeader(headers.createHeader("Session-Expires", seconds + ";refresher=uac"));
                r.addHeader(headers.createSupportedHeader("timer"));
            }
            ClientTransaction ct = provider.getNewClientTransaction(outgoing.prepare(r));
            ct.setApplicationData(new PendingRequest() {
                @Override
                public void response(ResponseEvent event) {
                    int status = event.getResponse().getStatusCode();
                    if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
                        gone.gone(call, caller, status + " to the session refresh");
                    }
                }

                @Override
                public void timeout() {
                    gone.gone(call, caller, "no answer to the session refresh");
                }
            });
            dialog.sendRequest(ct);
        } catch (Exception e) {
            // a dialog the stack already ended cannot be refreshed: the peer is gone
            LOG.log(Level.DEBUG, "Session refresh of call " + call.id + " not sent: " + e);
            gone.gone(call, caller, "the dialog cannot be refreshed (" + e.getMessage() + ")");
        }
    }

    private static boolean allowsUpdate(Message m) {
        for (ListIterator<?> it = m.getHeaders(AllowHeader.NAME); it.hasNext();) {
            // one Allow may hold the whole list, as parsed or as made by createAllowHeader("A, B")
            for (String method : ((AllowHeader) it.next()).getMethod().split(",")) {
                if (method.trim().equalsIgnoreCase(Request.UPDATE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
