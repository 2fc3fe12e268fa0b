package io.switchboard.forwarding.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.forwarding.ForwardingRules;

/**
 * Forwarding and call waiting set from the phone: each code of {@link ForwardingSettings} is a call target. A code
 * that sets a forward takes the destination dialled after it ({@link CallTarget#PREFIX}), checks it as
 * the API does, and answers with a short confirmation tone; a refused destination gets 403 with the
 * reason, which phones show.
 */
@Component(configurationPid = ForwardingSettings.PID)
@Designate(ocd = ForwardingSettings.class)
public class FeatureCodes {

    private static final Logger LOG = System.getLogger(FeatureCodes.class.getName());
    /** How long the confirmation tone plays before the switch hangs up. */
    private static final long CONFIRMATION_MILLIS = 1500;

    private final ForwardingService forwarding;
    private final PhoneEngine engine;
    private final String address;
    private final List<ServiceRegistration<CallTarget>> registrations = new ArrayList<>();
    private final Map<String, MediaLeg> legs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-forwarding-codes");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallControl calls;

    @Activate
    public FeatureCodes(ForwardingSettings settings, @Reference ForwardingService forwarding,
            @Reference PhoneEngine engine, BundleContext context) {
        this.forwarding = forwarding;
        this.engine = engine;
        this.address = settings.address().trim();
        for (String code : new String[] { settings.alwaysOn(), settings.alwaysOff(), settings.busyOn(),
                settings.busyOff(), settings.noAnswerOn(), settings.noAnswerOff(), settings.callWaitingOn(),
                settings.callWaitingOff(), settings.anonymousOff(), settings.anonymousOn() }) {
            if (code != null && !code.isBlank() && !code.trim().matches("[*#0-9]{2,8}")) {
                throw new IllegalArgumentException("Invalid setting " + ForwardingSettings.PID + " code '" + code
                        + "': 2 to 8 of the keys 0-9 * #, or empty for none");
            }
        }
        register(context, settings.alwaysOn(), true, (r, to) -> rules(r, to, r.busy(), r.noAnswer(), r.callWaiting(),
                r.rejectAnonymous()));
        register(context, settings.alwaysOff(), false, (r, to) -> rules(r, null, r.busy(), r.noAnswer(),
                r.callWaiting(), r.rejectAnonymous()));
        register(context, settings.busyOn(), true, (r, to) -> rules(r, r.always(), to, r.noAnswer(), r.callWaiting(),
                r.rejectAnonymous()));
        register(context, settings.busyOff(), false, (r, to) -> rules(r, r.always(), null, r.noAnswer(),
                r.callWaiting(), r.rejectAnonymous()));
        register(context, settings.noAnswerOn(), true, (r, to) -> rules(r, r.always(), r.busy(), to, r.callWaiting(),
                r.rejectAnonymous()));
        register(context, settings.noAnswerOff(), false, (r, to) -> rules(r, r.always(), r.busy(), null,
                r.callWaiting(), r.rejectAnonymous()));
        register(context, settings.callWaitingOn(), false, (r, to) -> rules(r, r.always(), r.busy(), r.noAnswer(),
                true, r.rejectAnonymous()));
        register(context, settings.callWaitingOff(), false, (r, to) -> rules(r, r.always(), r.busy(), r.noAnswer(),
                false, r.rejectAnonymous()));
        register(context, settings.anonymousOff(), false, (r, to) -> rules(r, r.always(), r.busy(), r.noAnswer(),
                r.callWaiting(), true));
        register(context, settings.anonymousOn(), false, (r, to) -> rules(r, r.always(), r.busy(), r.noAnswer(),
                r.callWaiting(), false));
    }

    /** @return the rules with what a code changes, the rest (times, limit, schedule) as they were */
    private static ForwardingRules rules(ForwardingRules r, String always, String busy, String noAnswer,
            boolean callWaiting, boolean rejectAnonymous) {
        return new ForwardingRules(always, busy, noAnswer, r.noAnswerSeconds(), r.unavailable(), callWaiting,
                r.maxCalls(), r.schedule(), rejectAnonymous);
    }

    @Deactivate
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        legs.values().forEach(MediaLeg::close);
        timer.shutdownNow();
    }

    /**
     * @param on whether the code takes a destination dialled after it
     * @param change the user's rules as the code leaves them, given the destination (or null)
     */
    private void register(BundleContext context, String code, boolean on,
            BiFunction<ForwardingRules, String, ForwardingRules> change) {
        String c = code == null ? "" : code.trim();
        if (c.isEmpty()) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CallTarget.NAME, c);
        props.put(CallTarget.PREFIX, on);
        registrations.add(context.registerService(CallTarget.class, new Code(c, on, change), props));
    }

    /** One feature code. */
    private final class Code implements CallTarget {
        private final String code;
        private final boolean on;
        private final BiFunction<ForwardingRules, String, ForwardingRules> change;

        Code(String code, boolean on, BiFunction<ForwardingRules, String, ForwardingRules> change) {
            this.code = code;
            this.on = on;
            this.change = change;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            if (call.trunk() != null) {
                return TargetAnswer.refuse(403, "Forwarding codes are for the switch's own users");
            }
            String to = call.dialled().substring(code.length());
            if (on && to.isEmpty()) {
                return TargetAnswer.refuse(484, "Dial " + code + " followed by where calls go");
            }
            if (!on && !to.isEmpty()) {
                return TargetAnswer.refuse(404, "No such code " + call.dialled());
            }
            if (call.sdpOffer() == null) {
                return TargetAnswer.refuse(488, "A forwarding code needs an SDP offer for its tone");
            }
            try {
                ForwardingRules before = forwarding.rules(call.caller());
                forwarding.save(call.caller(), change.apply(before, on ? to : null));
            } catch (IllegalArgumentException | NoSuchElementException e) {
                LOG.log(Level.INFO, call.caller() + " dialled " + call.dialled() + ": " + e.getMessage());
                return TargetAnswer.refuse(403, e.getMessage().replaceAll("[\\r\\n]+", " "));
            }
            try {
                MediaLeg leg = engine.answer(call.sdpOffer(), host(call.sdpOffer()), call.source(), engine.tone(880),
                        null, key -> { }, null);
                legs.put(call.callId(), leg);
                timer.schedule(() -> hangUp(call.callId()), CONFIRMATION_MILLIS, TimeUnit.MILLISECONDS);
                return TargetAnswer.answer(leg.sdpAnswer());
            } catch (PhoneException | UncheckedIOException e) {
                return TargetAnswer.refuse(488, "Forwarding set, but no tone for this call: " + e.getMessage());
            }
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            MediaLeg leg = legs.remove(callId);
            if (leg != null) {
                leg.close();
            }
        }
    }

    private void hangUp(String callId) {
        CallControl c = calls;
        if (c != null && legs.containsKey(callId)) {
            c.hangUp(callId);
        }
    }

    /** @return where the tone's packets leave from: the setting, loopback for a phone on loopback, else this host */
    private String host(String offer) {
        if (!address.isEmpty()) {
            return address;
        }
        if (offer.matches("(?s).*\\nc=IN IP4 127\\.[0-9.]+\\s.*")) {
            return "127.0.0.1";
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
