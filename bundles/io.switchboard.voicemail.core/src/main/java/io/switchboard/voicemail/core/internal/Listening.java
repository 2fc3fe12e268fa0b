package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.phone.api.MediaLeg;
import io.switchboard.voicemail.api.VoiceMessage;

/**
 * A user listening to their new messages from their own phone, oldest first, with RFC 4733 keys:
 * 7 deletes the message, 9 keeps it, # goes on to the next; a message heard to its end is kept
 * as heard. 0 records the greeting callers hear, ended with #.
 */
final class Listening implements VoicemailTarget.Session {

    private final VoicemailService service;
    private final Player player;
    private final List<VoiceMessage> messages;
    private final String mailbox;
    /** What the caller says, kept only while a greeting is recorded. */
    private final Capture capture;
    private boolean recording;
    private int at = -1;
    private MediaLeg leg;

    private final String callId;

    /** @param player what the caller hears, which this session plays its prompts and messages on */
    Listening(VoicemailService service, String mailbox, String callId, Player player) {
        this.service = service;
        this.callId = callId;
        this.player = player;
        this.mailbox = mailbox;
        this.capture = new Capture(Greetings.GREETING_SECONDS, () -> { });
        this.messages = new ArrayList<>(service.messages(mailbox).stream().filter(m -> !m.heard()).toList());
        java.util.Collections.reverse(this.messages); // oldest first
    }

    /** Says how it goes, then plays the first message. */
    Listening start() {
        Prompts prompts = service.prompts();
        if (messages.isEmpty()) {
            player.play(() -> service.hangUp(callId), prompts.get(Prompts.NO_MESSAGES));
        } else {
            player.play(this::next, prompts.get(Prompts.MENU));
        }
        return this;
    }

    Player player() {
        return player;
    }

    /** @return where what the caller says goes: kept only while a greeting is recorded */
    Capture capture() {
        return capture;
    }

    @Override
    public void leg(MediaLeg leg) {
        this.leg = leg;
    }

    @Override
    public synchronized void digit(int digit) {
        if (recording) {
            if (digit == '#') {
                greetingRecorded();
            }
            return;
        }
        if (digit == '0') {
            player.stop();
            Clip prompt = service.prompts().get(Prompts.RECORD_GREETING);
            player.play(() -> {
                synchronized (this) {
                    recording = true;
                    capture.start();
                }
            }, prompt, Clip.beep(prompt.rate()));
            return;
        }
        if (at < 0 || at >= messages.size()) {
            return;
        }
        VoiceMessage m = messages.get(at);
        switch (digit) {
            case '7' -> {
                player.stop();
                service.delete(m.id());
                player.play(this::next, service.prompts().get(Prompts.DELETED));
            }
            case '9' -> {
                player.stop();
                service.heard(m.id(), true);
                player.play(this::next, service.prompts().get(Prompts.SAVED));
            }
            case '#' -> {
                player.stop();
                service.heard(m.id(), true);
                next();
            }
            default -> {
                // other keys do nothing here
            }
        }
    }

    /** The caller pressed # after their greeting: it is kept, and the messages go on where they were. */
    private void greetingRecorded() {
        recording = false;
        capture.stop();
        Clip greeting = capture.clip();
        service.later(() -> service.greeting(mailbox, greeting));
        at = Math.max(-1, at - 1); // the message that was playing plays again
        player.play(this::next, service.prompts().get(Prompts.GREETING_SAVED));
    }

    /** Plays the next message, or says goodbye after the last. */
    private synchronized void next() {
        at++;
        if (at >= messages.size()) {
            player.play(() -> service.hangUp(callId), service.prompts().get(Prompts.GOODBYE));
            return;
        }
        VoiceMessage m = messages.get(at);
        try {
            Clip audio = Clip.read(service.audio(m.id()).orElseThrow(() -> new IOException("gone")));
            int index = at;
            player.play(() -> heardToTheEnd(index), audio);
        } catch (IOException | RuntimeException e) {
            System.getLogger(Listening.class.getName()).log(Level.WARNING, "Voice message " + m.id()
                    + " cannot be played: " + e.getMessage());
            next();
        }
    }

    private synchronized void heardToTheEnd(int index) {
        if (index == at) {
            service.heard(messages.get(index).id(), true);
        }
    }

    @Override
    public void end() {
        if (leg != null) {
            leg.close();
        }
    }
}
