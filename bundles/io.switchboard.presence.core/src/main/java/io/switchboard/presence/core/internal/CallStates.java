package io.switchboard.presence.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.Registrations;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.store.api.Store;

/**
 * Follows the switch's call and registration events and serves what they show as two event
 * packages: the dialog package (busy lamps) and presence. Each change is told to the
 * subscriptions, which notify the watchers.
 */
// immediate: its packages must be there before the first call or registration event would wake it
@Component(service = EventHandler.class, immediate = true, configurationPid = WatchSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + SipEvents.REGISTRATION_TOPIC_PREFIX + "*" })
@Designate(ocd = WatchSettings.class)
public final class CallStates implements EventHandler {

    private static final Logger LOG = System.getLogger(CallStates.class.getName());

    private final Subscriptions subscriptions;
    private final UserDialogs dialogs = new UserDialogs();
    private final List<ServiceRegistration<EventPackage>> packages;
    private volatile WatchPolicy watch;
    /** The users whose lamps each call lit; only the worker touches it. */
    private final LitLamps lit = new LitLamps();
    private static final long SWEEP_SECONDS = 5;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("switchboard-call-states-sweep").factory());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallControl calls;

    /** Only the worker touches it. */
    private final CallOrder order = new CallOrder();
    /** Event Admin's thread is not held up by the NOTIFYs; one worker keeps each call's events in order. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-call-states");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public CallStates(WatchSettings settings, @Reference Subscriptions subscriptions,
            @Reference Registrations registrations, @Reference Store store, BundleContext context) {
        this.subscriptions = subscriptions;
        this.watch = WatchPolicy.of(settings);
        this.packages = List.of(context.registerService(EventPackage.class, new DialogPackage(dialogs, () -> watch,
                new Colleagues(store.dataSource())), null),
                context.registerService(EventPackage.class, new PresencePackage(dialogs, registrations, subscriptions), null));
        sweeper.scheduleWithFixedDelay(() -> worker.execute(this::safeSweep), SWEEP_SECONDS, SWEEP_SECONDS,
                TimeUnit.SECONDS);
    }

    private void safeSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot compare the busy lamps with the calls: " + e.getMessage());
        }
    }

    /** Who may watch whom changes from the next SUBSCRIBE; a bad setting is named and the one before stays. */
    @Modified
    void modified(WatchSettings settings) {
        this.watch = WatchPolicy.of(settings);
    }

    @Deactivate
    void stop() {
        packages.forEach(ServiceRegistration::unregister);
        // the work queued ends first: an interrupt would close H2's file under a write
        sweeper.close();
        worker.close();
    }

    @Override
    public void handleEvent(Event event) {
        worker.execute(() -> {
            try {
                if (event.getTopic().startsWith(SipEvents.REGISTRATION_TOPIC_PREFIX)) {
                    String user = (String) event.getProperty(SipEvents.USER);
                    if (user != null) {
                        subscriptions.changed(PresencePackage.EVENT, user);
                    }
                } else {
                    call(event);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot show a change on the busy lamps: " + e.getMessage());
            }
        });
    }

    private void call(Event event) {
        String id = (String) event.getProperty(SipEvents.CALL_ID);
        String callId = (String) event.getProperty(SipEvents.A_CALL_ID);
        String caller = (String) event.getProperty(SipEvents.CALLER_USER);
        String callee = (String) event.getProperty(SipEvents.CALLEE_USER);
        String state = switch (event.getTopic()) {
            case SipEvents.CALL_STARTED -> "trying";
            case SipEvents.CALL_RINGING -> "early";
            case SipEvents.CALL_ANSWERED -> "confirmed";
            case SipEvents.CALL_ENDED -> "terminated";
            case SipEvents.CALL_PICKED_UP -> "terminated";
            default -> null;
        };
        if (id == null || state == null) {
            return;
        }
        if (!SipEvents.CALL_PICKED_UP.equals(event.getTopic()) && !order.advances(id, state)) {
            return; // it overtook a later event of the call
        }
        String pickedUpFrom = (String) event.getProperty(SipEvents.PICKED_UP_FROM);
        if (SipEvents.CALL_PICKED_UP.equals(event.getTopic()) && pickedUpFrom != null) {
            // the phones that rang stop: that user's lamp goes dark, the picker's lights with the answer
            UserDialogs.Dialog rang = dialogs.get(pickedUpFrom, id);
            if (rang != null) {
                update(pickedUpFrom, new UserDialogs.Dialog(id, rang.callId(), false, "terminated", rang.remote(),
                        Instant.now()));
            }
            return;
        }
        String calleeShown = callee != null ? callee : (String) event.getProperty(SipEvents.CALLEE);
        String callerShown = caller != null ? caller : (String) event.getProperty(SipEvents.CALLER);
        String bCallId = (String) event.getProperty(SipEvents.B_CALL_ID);
        Set<String> parties = new HashSet<>();
        if (caller != null) {
            parties.add(caller);
        }
        if (callee != null && bCallId != null) {
            parties.add(callee);
        }
        // a leg that ends by CANCEL, forward, pickup or timeout names someone else next: its lamp goes dark now
        for (String user : lit.event(id, parties, "terminated".equals(state), Instant.now())) {
            darken(user, id);
        }
        if (caller != null) {
            update(caller, new UserDialogs.Dialog(id, callId, true, state, calleeShown, Instant.now()));
        }
        if (callee != null && bCallId != null) {
            // the callee's side exists once its phones are rung: a call refused before that never lights the lamp
            update(callee, new UserDialogs.Dialog(id, bCallId, false, "trying".equals(state) ? "early" : state,
                    callerShown, Instant.now()));
        }
    }

    /** Shows the user's part in the call as ended, unless it is already. */
    private void darken(String user, String id) {
        UserDialogs.Dialog d = dialogs.get(user, id);
        if (d != null && !"terminated".equals(d.state())) {
            update(user, new UserDialogs.Dialog(id, d.callId(), d.initiator(), "terminated", d.remote(),
                    Instant.now()));
        }
    }

    /**
     * The lamps follow the calls the switch holds, not only its events: a call it no longer holds, whose
     * last event is a while back, leaves every lamp it lit (an event lost or never posted cannot leave a
     * lamp lit for good). Runs on the worker every few seconds.
     */
    private void sweep() {
        CallControl control = calls;
        if (control == null || lit.isEmpty()) {
            return;
        }
        Set<String> held = new HashSet<>();
        control.activeCalls().forEach(c -> held.add(c.id()));
        lit.stale(held, Instant.now().minusSeconds(SWEEP_SECONDS))
                .forEach((id, users) -> users.forEach(user -> darken(user, id)));
    }

    /** Records the user's call in its new state and tells the subscriptions; an ended call is shown once. */
    private void update(String user, UserDialogs.Dialog d) {
        UserDialogs.Dialog before = dialogs.get(user, d.id());
        boolean presenceChanges = before == null || "terminated".equals(d.state());
        UserDialogs.Dialog now = before == null ? d
                : new UserDialogs.Dialog(d.id(), d.callId(), d.initiator(), d.state(), d.remote(), before.since());
        if ("terminated".equals(d.state())) {
            dialogs.ended(user, now, () -> subscriptions.changed(DialogPackage.EVENT, user));
        } else {
            dialogs.put(user, now);
            subscriptions.changed(DialogPackage.EVENT, user);
        }
        if (presenceChanges) {
            subscriptions.changed(PresencePackage.EVENT, user);
        }
    }
}
