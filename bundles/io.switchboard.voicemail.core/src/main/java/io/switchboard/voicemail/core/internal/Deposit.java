package io.switchboard.voicemail.core.internal;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.media.audio.Clip;
import io.switchboard.phone.api.MediaLeg;

/**
 * A caller leaving a message: the mailbox owner's greeting (else the shipped one), the beep, then
 * what the caller says until they hang up (or the longest a message may be).
 */
final class Deposit implements VoicemailTarget.Session {

    final String mailbox;
    final String caller;
    final String callerName;
    final String callId;
    final Player player = new Player();
    final Capture capture;
    private final VoicemailService service;
    private MediaLeg leg;

    /**
     * @param callerName the caller's display name, or null
     * @param busy whether the caller found the user busy: the busy greeting plays
     */
    Deposit(VoicemailService service, String mailbox, String caller, String callerName, String callId, boolean busy) {
        this.service = service;
        this.mailbox = mailbox;
        this.caller = caller;
        this.callerName = callerName;
        this.callId = callId;
        this.capture = new Capture(service.settings().maxSeconds(), () -> service.hangUp(callId));
        List<Clip> greeting = new ArrayList<>(service.greeting(mailbox, busy));
        greeting.add(Clip.beep(greeting.get(0).rate()));
        player.play(capture::start, greeting.toArray(Clip[]::new));
    }

    @Override
    public void leg(MediaLeg leg) {
        this.leg = leg;
    }

    @Override
    public void digit(int digit) {
        // no keys while leaving a message: they would be recorded as tones anyway
    }

    @Override
    public void end() {
        if (leg != null) {
            leg.close(); // hands the capture the frames still in the jitter buffer
        }
        capture.stop();
        service.deposit(this, capture.clip());
    }
}
