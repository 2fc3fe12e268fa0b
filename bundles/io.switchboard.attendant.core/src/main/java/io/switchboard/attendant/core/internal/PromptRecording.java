package io.switchboard.attendant.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.media.audio.ClipRecorder;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * Prompts recorded from a phone: a recorder dials the code and the prompt's number ({@code *94100}), hears a beep,
 * speaks and presses {@code #} ({@code *} starts again); the prompt is kept, replacing one of that name, and played
 * back before the call ends. A call that hangs up before {@code #} keeps nothing: no prompt is replaced by
 * accident. Only the users the settings name may record.
 */
@Component(service = {}, immediate = true, configurationPid = AttendantSettings.PID)
@Designate(ocd = AttendantSettings.class)
public class PromptRecording implements CallTarget {

    private static final Logger LOG = System.getLogger(PromptRecording.class.getName());
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,16}");
    /** The longest prompt recorded from a phone. */
    static final int MAX_SECONDS = 120;
    /** Quieter than this, at either end, is not the prompt. */
    private static final double SILENCE = 300;

    private final PhoneEngine engine;
    private final CallControl calls;
    private final MenuService menus;
    private final String code;
    private final Set<String> recorders;
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private ServiceRegistration<CallTarget> registration;

    @Activate
    public PromptRecording(@Reference PhoneEngine engine, @Reference CallControl calls, @Reference MenuService menus,
            BundleContext context, AttendantSettings settings) {
        this.engine = engine;
        this.calls = calls;
        this.menus = menus;
        this.code = settings.recordCode() == null ? "" : settings.recordCode().trim();
        if (!code.matches("[0-9*#]{0,8}")) {
            throw new IllegalArgumentException("Invalid setting " + AttendantSettings.PID + " recordCode=" + code
                    + ": up to 8 of 0-9, * and #, or empty to turn prompt recording off");
        }
        this.recorders = Set.copyOf(Arrays.stream(settings.recorders()).map(String::trim).filter(s -> !s.isEmpty())
                .toList());
        if (!code.isEmpty()) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(CallTarget.NAME, code);
            p.put(CallTarget.PREFIX, Boolean.TRUE);
            registration = context.registerService(CallTarget.class, this, p);
        }
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            registration.unregister();
        }
        recordings.values().forEach(r -> r.leg.close());
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        String name = call.dialled() == null ? "" : call.dialled().substring(Math.min(code.length(),
                call.dialled().length()));
        if (call.trunk() != null || !recorders.contains(call.caller())) {
            return TargetAnswer.refuse(403, call.caller() + " may not record prompts (the attendant's recorders)");
        }
        if (!NUMBER.matcher(name).matches()) {
            return TargetAnswer.refuse(404, "Dial " + code + " and the prompt's number: " + code + "100");
        }
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "Recording needs an SDP offer");
        }
        Recording r = new Recording(call.callId(), name);
        try {
            r.leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), r, r, r::key);
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "Cannot record from this call: " + e.getMessage());
        }
        recordings.put(call.callId(), r);
        r.begin();
        LOG.log(Level.INFO, call.caller() + " records prompt " + name + " (call " + call.callId() + ")");
        return TargetAnswer.answer(r.leg.sdpAnswer());
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        Recording r = recordings.remove(callId);
        if (r != null) {
            r.leg.close();
        }
    }

    /** One call's recording: the beep, what is said until #, then the playback of what was kept. */
    private final class Recording extends ClipPlayer implements AudioSource, AudioSink {
        private final String callId;
        private final String name;
        private final ClipRecorder said = new ClipRecorder(MAX_SECONDS, this::done);
        volatile MediaLeg leg;
        private volatile boolean kept;

        Recording(String callId, String name) {
            this.callId = callId;
            this.name = name;
        }

        void begin() {
            said.stop();
            play(said::start, Clip.beep(8000));
        }

        void key(int key) {
            if (key == '#') {
                done();
            } else if (key == '*' && !kept) {
                begin();
            }
        }

        private synchronized void done() {
            if (kept) {
                return;
            }
            said.stop();
            Clip clip = said.clip().trimmed(SILENCE);
            if (clip.seconds() < 0.3) {
                begin(); // nothing said: the beep again
                return;
            }
            kept = true;
            try {
                menus.clips().keep(name, clip);
                LOG.log(Level.INFO, "Prompt " + name + " recorded from a phone: " + Math.round(clip.seconds() * 10)
                        / 10.0 + " s");
                play(() -> calls.hangUp(callId), clip);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Prompt " + name + " could not be kept: " + e.getMessage());
                calls.hangUp(callId);
            }
        }

        @Override
        public void write(short[] frame, int sampleRate) {
            said.write(frame, sampleRate);
        }

        @Override
        public boolean records() {
            return true;
        }
    }
}
