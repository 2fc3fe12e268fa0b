package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.switchboard.media.audio.Clip;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.voicemail.api.VoiceMessage;

/**
 * A user listening to their new messages from their own phone, oldest first, with RFC 4733 keys:
 * 1 plays the message again, 5 calls its caller back (the message kept), 7 deletes it, 9 keeps it,
 * # goes on to the next; a message heard to its end is kept as heard, and 4 s later the next one plays
 * (after the last, the goodbye ends the call). 0 records the greeting callers hear, 2 the one they hear
 * while the user is
 * busy, 3 the user's name (said in the shipped greeting), each ended with #; 8 changes the PIN:
 * 4 to 12 digits, then #.
 */
final class Listening implements VoicemailTarget.Session {

    private final VoicemailService service;
    private final Player player;
    private final List<VoiceMessage> messages;
    private final String mailbox;
    /** What the caller says, kept only while a greeting is recorded. */
    private final Capture capture;
    /** The greeting being recorded, or null. */
    private Greetings.Kind recording;
    /** The new PIN being typed, or null. */
    private StringBuilder newPin;
    /** The silence after a message, in which its keys still act on it. */
    private static final Clip KEY_WINDOW = new Clip(new short[8000 * 4], 8000);

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
        Collections.reverse(this.messages); // oldest first
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
        if (recording != null) {
            if (digit == '#') {
                greetingRecorded();
            }
            return;
        }
        if (newPin != null) {
            pinDigit(digit);
            return;
        }
        Greetings.Kind kind = digit == '0' ? Greetings.Kind.UNAVAILABLE : digit == '2' ? Greetings.Kind.BUSY
                : digit == '3' ? Greetings.Kind.NAME : null;
        if (kind != null) {
            record(kind);
            return;
        }
        if (digit == '8') {
            player.stop();
            newPin = new StringBuilder();
            player.play(() -> { }, service.prompts().get(Prompts.NEW_PIN));
            return;
        }
        if (at < 0 || at >= messages.size()) {
            return;
        }
        VoiceMessage m = messages.get(at);
        switch (digit) {
            case '1' -> {
                player.stop();
                at--; // the same message from its start
                next();
            }
            case '5' -> {
                player.stop();
                callBack(m);
            }
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

    /**
     * The listener's phone is asked to call the message's caller (REFER), on the listener's own
     * account; a caller with no number (anonymous) cannot be, and the message plays again.
     */
    private void callBack(VoiceMessage m) {
        if (!VoicemailService.callable(m.caller())) {
            at--;
            player.play(this::next, service.prompts().get(Prompts.NO_CALL_BACK));
            return;
        }
        service.heard(m.id(), true);
        player.play(() -> service.later(() -> {
            if (!service.transfer(callId, m.caller())) {
                service.hangUp(callId);
            }
        }), service.prompts().get(Prompts.CALLING_BACK));
    }

    /** After its prompt and the beep, what the caller says is the greeting of that kind, until #. */
    private void record(Greetings.Kind kind) {
        player.stop();
        Clip prompt = service.prompts().get(switch (kind) {
            case UNAVAILABLE -> Prompts.RECORD_GREETING;
            case BUSY -> Prompts.RECORD_BUSY;
            case NAME -> Prompts.RECORD_NAME;
        });
        player.play(() -> {
            synchronized (this) {
                recording = kind;
                capture.start();
            }
        }, prompt, Clip.beep(prompt.rate()));
    }

    /** A key of the new PIN; # ends it, and it is kept when it is 4 to 12 digits. */
    private void pinDigit(int digit) {
        if (digit != '#') {
            if (Character.isDigit(digit) && newPin.length() < 20) {
                newPin.append((char) digit);
            }
            return;
        }
        String pin = newPin.toString();
        newPin = null;
        player.stop();
        at = Math.max(-1, at - 1); // the message that was playing plays again
        if (!pin.matches("[0-9]{4,12}")) {
            player.play(this::next, service.prompts().get(Prompts.WRONG));
            return;
        }
        service.later(() -> service.pin(mailbox, pin)); // hashing takes a while: off the audio thread
        player.play(this::next, service.prompts().get(Prompts.PIN_CHANGED));
    }

    /** The caller pressed # after their greeting: it is kept, and the messages go on where they were. */
    private void greetingRecorded() {
        Greetings.Kind kind = recording;
        recording = null;
        capture.stop();
        Clip greeting = capture.clip();
        service.later(() -> service.greeting(mailbox, kind, greeting));
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

    /**
     * A message heard to its end is kept as heard; its keys (1, 5, 7, 9) still work for a few seconds,
     * then the next one plays, and after the last the goodbye ends the call (it once stayed up in silence).
     */
    private synchronized void heardToTheEnd(int index) {
        if (index != at) {
            return;
        }
        service.heard(messages.get(index).id(), true);
        player.play(() -> afterKeys(index), KEY_WINDOW);
    }

    private synchronized void afterKeys(int index) {
        if (index == at && newPin == null && recording == null) {
            next();
        }
    }

    @Override
    public void end() {
        if (leg != null) {
            leg.close();
        }
    }
}
