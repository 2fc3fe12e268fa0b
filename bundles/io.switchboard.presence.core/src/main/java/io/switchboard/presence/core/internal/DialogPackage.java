package io.switchboard.presence.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.sip.api.subscription.Subscriptions;

/**
 * The dialog event package (RFC 4235): busy lamps. A phone subscribes to a colleague and sees each
 * of the colleague's calls: as caller trying, then ringing (early), in a call (confirmed), and the
 * call's end (terminated, once, then gone); as callee from the moment its phones ring. The state follows the switch's call events as they come.
 */
@Component(service = { EventPackage.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_TOPIC_PREFIX + "*")
public final class DialogPackage implements EventPackage, EventHandler {

    static final String EVENT = "dialog";
    private static final Logger LOG = System.getLogger(DialogPackage.class.getName());

    private final Subscriptions subscriptions;
    private final UserDialogs dialogs = new UserDialogs();
    /** Event Admin's thread is not held up by the NOTIFYs; one worker keeps each call's events in order. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-dialog-package");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public DialogPackage(@Reference Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return "application/dialog-info+xml";
    }

    @Override
    public String refusal(String subscriber, String resource) {
        return null; // every user of the switch may watch every other's lamp, as on a key system
    }

    @Override
    public byte[] state(Subscription subscription) {
        return dialogs.document(subscription.resource(), subscription.uri(), subscription.version());
    }

    @Override
    public void handleEvent(Event event) {
        worker.execute(() -> {
            try {
                apply(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot show a call on the busy lamps: " + e.getMessage());
            }
        });
    }

    private void apply(Event event) {
        String id = (String) event.getProperty(SipEvents.CALL_ID);
        String callId = (String) event.getProperty(SipEvents.A_CALL_ID);
        String caller = (String) event.getProperty(SipEvents.CALLER_USER);
        String callee = (String) event.getProperty(SipEvents.CALLEE_USER);
        String state = switch (event.getTopic()) {
            case SipEvents.CALL_STARTED -> "trying";
            case SipEvents.CALL_RINGING -> "early";
            case SipEvents.CALL_ANSWERED -> "confirmed";
            case SipEvents.CALL_ENDED -> "terminated";
            default -> null;
        };
        if (id == null || state == null) {
            return;
        }
        String calleeShown = callee != null ? callee : (String) event.getProperty(SipEvents.CALLEE);
        String callerShown = caller != null ? caller : (String) event.getProperty(SipEvents.CALLER);
        if (caller != null) {
            update(caller, new UserDialogs.Dialog(id, callId, true, state, calleeShown, Instant.now()));
        }
        String bCallId = (String) event.getProperty(SipEvents.B_CALL_ID);
        if (callee != null && bCallId != null) {
            // the callee's side exists once its phones are rung: a call refused before that never lights the lamp
            update(callee, new UserDialogs.Dialog(id, bCallId, false, "trying".equals(state) ? "early" : state,
                    callerShown, Instant.now()));
        }
    }

    /** Records the user's call in its new state and tells the subscriptions; an ended call is shown once. */
    private void update(String user, UserDialogs.Dialog d) {
        UserDialogs.Dialog before = dialogs.get(user, d.id());
        dialogs.put(user, before == null ? d
                : new UserDialogs.Dialog(d.id(), d.callId(), d.initiator(), d.state(), d.remote(), before.since()));
        try {
            subscriptions.changed(EVENT, user);
        } finally {
            if ("terminated".equals(d.state())) {
                dialogs.remove(user, d.id());
            }
        }
    }
}
