package io.switchboard.paging.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.provisioning.UserService;

/**
 * The page groups' calls: the phone engine answers the caller, and a page calls each member's phones through
 * the switch as the pages' account, which the switch lets ask them to answer on their own. Only the switch's
 * users page: a caller from outside would speak into the office.
 */
@Component(service = Pager.class, configurationPid = PagingSettings.PID)
@Designate(ocd = PagingSettings.class)
public class Pager {

    private static final Logger LOG = System.getLogger(Pager.class.getName());

    private final PhoneEngine engine;
    private final CallControl calls;
    private final PageGroupService groups;
    private final PagingAccount account;
    private final PagingSettings settings;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-page-timers");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public Pager(@Reference PhoneEngine engine, @Reference CallControl calls, @Reference PageGroupService groups,
            @Reference UserService users, BundleContext context, PagingSettings settings) {
        this.engine = engine;
        this.calls = calls;
        this.groups = groups;
        this.settings = settings;
        String port = context.getProperty("switchboard.sip.port");
        this.account = new PagingAccount(engine, users, settings.account(), settings.sipHost(),
                port == null ? 5060 : Integer.parseInt(port));
    }

    @Deactivate
    void stop() {
        pages.keySet().forEach(this::ended);
        timers.shutdownNow().forEach(Runnable::run); // the pages' phones close now, not later
    }

    TargetAnswer offer(TargetCall call, String name) {
        Optional<PageGroup> group = groups.group(name);
        if (group.isEmpty()) {
            return TargetAnswer.refuse(404, "No page group " + name);
        }
        if (call.trunk() != null) {
            LOG.log(Level.WARNING, "Page " + name + " refused to " + call.caller() + " from trunk " + call.trunk()
                    + ": only the switch's users page");
            return TargetAnswer.refuse(403, "Only the switch's users page");
        }
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "A page needs an SDP offer");
        }
        Page page = new Page(call.callId(), group.get(), calls, settings.chime(), account::renew);
        try {
            MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), page.audio(), page.audio(),
                    key -> {
                        // a page takes no keys: the caller only speaks
                    });
            pages.put(call.callId(), page);
            calls.tag(call.callId(), "page", group.get().name());
            String who = call.callerName() == null || call.callerName().isBlank() ? call.caller() : call.callerName();
            // off the SIP thread: the page's phone is opened (its account made at the first page) and dials out
            timers.execute(() -> {
                try {
                    page.start(account.open("Page " + name + ": " + who, page), leg, settings.sipHost(), timers,
                            settings.answerSeconds());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Page " + name + " (call " + call.callId() + ") cannot call out: " + e);
                    calls.hangUp(call.callId());
                }
            });
            LOG.log(Level.INFO, call.caller() + " pages " + name + " " + group.get().members() + " (call "
                    + call.callId() + ")");
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException | UncheckedIOException e) {
            pages.remove(call.callId());
            page.end();
            return TargetAnswer.refuse(488, "The page cannot take this call: " + e.getMessage());
        }
    }

    void ended(String callId) {
        Page p = pages.remove(callId);
        if (p != null) {
            p.end();
        }
    }
}
