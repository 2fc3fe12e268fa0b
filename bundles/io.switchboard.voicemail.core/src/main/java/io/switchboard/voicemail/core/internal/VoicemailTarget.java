package io.switchboard.voicemail.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.CallTargetProperties;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.UserService;

/**
 * The call target {@code voicemail}. The switch offers it the calls to a user that fail (no
 * answer, busy, unreachable) with the user as the dialled mailbox: the caller leaves a message.
 * A user who dials {@code voicemail} (or {@code *97}) from their own phone hears their new messages.
 */
@Component(service = { CallTarget.class, VoicemailTarget.class })
@CallTargetProperties(target = VoicemailTarget.NAME)
public class VoicemailTarget implements CallTarget {

    static final String NAME = "voicemail";
    private static final Logger LOG = System.getLogger(VoicemailTarget.class.getName());

    /** One call in voicemail: leaving a message or listening. */
    interface Session {
        void leg(MediaLeg leg);

        void digit(int digit);

        void end();
    }

    private final PhoneEngine engine;
    private final VoicemailService service;
    private final UserService users;
    private final NumberService numbers;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Activate
    public VoicemailTarget(@Reference PhoneEngine engine, @Reference VoicemailService service,
            @Reference UserService users, @Reference NumberService numbers) {
        this.engine = engine;
        this.service = service;
        this.users = users;
        this.numbers = numbers;
    }

    @Deactivate
    void stop() {
        sessions.keySet().forEach(id -> ended(id, false));
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "Voicemail needs an SDP offer");
        }
        boolean listening = call.dialled().equals(NAME) || call.dialled().equals(VoicemailAccess.CODE);
        String mailbox = listening ? call.caller() : call.dialled();
        if (listening && call.trunk() != null) {
            return TargetAnswer.refuse(403, "Mailboxes are heard from their owner's phone");
        }
        if (users.user(mailbox).isEmpty() || !service.enabled(mailbox)) {
            return TargetAnswer.refuse(404, "No mailbox " + mailbox);
        }
        if (!listening && service.full(mailbox)) {
            return TargetAnswer.refuse(486, "Mailbox " + mailbox + " is full");
        }
        Session session;
        AudioSource source;
        AudioSink sink;
        if (listening) {
            Listening l = new Listening(service, mailbox, call.callId(), new Player()).start();
            session = l;
            source = l.player();
            sink = l.capture();
        } else {
            Deposit d = new Deposit(service, mailbox, call.caller(), call.callerName(), call.callId(),
                    TargetCall.BUSY.equals(call.diverted()));
            session = d;
            source = d.player;
            sink = d.capture;
        }
        return answer(call, session, source, sink, listening ? "Mailbox " + mailbox + " heard by its owner"
                : call.caller() + " leaves a message for " + mailbox);
    }

    /** A call to {@value VoicemailLogin#CODE}: the caller names a mailbox and types its PIN. */
    TargetAnswer login(TargetCall call) {
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "Voicemail needs an SDP offer");
        }
        Login login = new Login(service, digits -> service.mailboxOf(digits, users, numbers), call.caller(),
                call.callId());
        return answer(call, login, login.player(), null, call.caller() + " logs in to a mailbox");
    }

    private TargetAnswer answer(TargetCall call, Session session, AudioSource source,
            AudioSink sink, String what) {
        try {
            MediaLeg leg = engine.answer(call.sdpOffer(), service.mediaHost(call.sdpOffer(), engine), call.source(),
                    source, sink, session::digit, null);
            session.leg(leg);
            sessions.put(call.callId(), session);
            LOG.log(Level.INFO, what + " (call " + call.callId() + ")");
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "Voicemail cannot take this call: " + e.getMessage());
        }
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        Session s = sessions.remove(callId);
        if (s != null) {
            s.end();
        }
    }
}
