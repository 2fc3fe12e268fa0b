package io.switchboard.attendant.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.attendant.api.Menu;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.provisioning.UserService;

/**
 * The menus' calls: each menu is a call target of its own name ({@link MenuTargets}) that hands its calls here,
 * anchored on the relay so that a caller's choice is a redirect of the call, whoever the caller (a carrier's
 * included). The caller's keys come as RFC 4733 events through the phone engine's leg.
 */
@Component(service = AttendantTarget.class)
public class AttendantTarget {

    private static final Logger LOG = System.getLogger(AttendantTarget.class.getName());

    private final PhoneEngine engine;
    private final CallControl calls;
    private final MenuService menus;
    private final UserService users;
    private final Map<String, MenuCall> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-menu-timers");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public AttendantTarget(@Reference PhoneEngine engine, @Reference CallControl calls, @Reference MenuService menus,
            @Reference UserService users) {
        this.engine = engine;
        this.calls = calls;
        this.menus = menus;
        this.users = users;
    }

    @Deactivate
    void stop() {
        sessions.keySet().forEach(id -> ended(id, false));
        timers.shutdownNow();
    }

    /**
     * @param name the menu the call is for: what was dialled may be a number whose destination the menu is
     */
    TargetAnswer offer(TargetCall call, String name) {
        Optional<Menu> menu = menus.menu(name);
        if (menu.isEmpty()) {
            return TargetAnswer.refuse(404, "No menu " + name);
        }
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "A menu needs an SDP offer");
        }
        MenuCall session = new MenuCall(call.callId(), menu.get(), menus::menu, menus.clips(),
                extension -> users.user(extension).isPresent(), users::users, calls, timers);
        try {
            MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(),
                    session.player(), null, session::key, null);
            session.start(leg);
            sessions.put(call.callId(), session);
            calls.tag(call.callId(), "menu", menu.get().name()); // the record says which menu the call came through
            LOG.log(Level.INFO, call.caller() + " reaches menu " + menu.get().name() + " (call " + call.callId() + ")");
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "The menu cannot take this call: " + e.getMessage());
        }
    }

    /** A caller handed on who found nobody: back in the menu they chose from. */
    boolean returned(String callId) {
        MenuCall s = sessions.get(callId);
        return s != null && s.back();
    }

    /** A key the caller's phone sent in SIP INFO: as one sent in the media. */
    void key(String callId, char key) {
        MenuCall s = sessions.get(callId);
        if (s != null) {
            s.key(key);
        }
    }

    void ended(String callId, boolean byCaller) {
        MenuCall s = sessions.remove(callId);
        if (s != null) {
            s.end();
        }
    }
}
