package io.switchboard.voicemail.core.internal;

import java.util.Optional;
import java.util.function.Function;

import io.switchboard.phone.api.MediaLeg;

/**
 * Reaching a mailbox from any phone: its number, then its PIN, each ended with #. Three wrong
 * tries end the call; the mailbox's own count of wrong PINs locks it for a while (see
 * {@link VoicemailService#login}). Once in, the caller hears their messages as from their own phone.
 */
final class Login implements VoicemailTarget.Session {

    private static final int TRIES = 3;

    private final VoicemailService service;
    private final Function<String, Optional<String>> mailboxes;
    private final String caller;
    private final String callId;
    private final Player player = new Player();
    private final StringBuilder typed = new StringBuilder();
    private String mailbox;
    private int wrong;
    private boolean checking;
    private Listening listening;
    private MediaLeg leg;

    /** @param mailboxes the user whose mailbox digits name, if any */
    Login(VoicemailService service, Function<String, Optional<String>> mailboxes, String caller,
            String callId) {
        this.service = service;
        this.mailboxes = mailboxes;
        this.caller = caller;
        this.callId = callId;
        player.play(null, service.prompts().get(Prompts.MAILBOX));
    }

    Player player() {
        return player;
    }

    @Override
    public void leg(MediaLeg leg) {
        this.leg = leg;
    }

    @Override
    public synchronized void digit(int digit) {
        if (listening != null) {
            listening.digit(digit);
            return;
        }
        if (checking) {
            return;
        }
        if (digit != '#') {
            if (typed.length() < 20) {
                typed.append((char) digit);
            }
            return;
        }
        String entry = typed.toString();
        typed.setLength(0);
        player.stop();
        if (mailbox == null) {
            mailbox = entry.isEmpty() ? null : mailboxes.apply(entry).orElse(entry);
            player.play(null, service.prompts().get(Prompts.PIN));
            return;
        }
        checking = true;
        String box = mailbox;
        // an unknown mailbox is asked for a PIN like any other, and refused like a wrong one
        service.later(() -> checked(service.login(box, entry, caller)));
    }

    private synchronized void checked(boolean in) {
        checking = false;
        if (in) {
            listening = new Listening(service, mailbox, callId, player).start();
            return;
        }
        mailbox = null;
        if (++wrong >= TRIES) {
            player.play(() -> service.hangUp(callId), service.prompts().get(Prompts.WRONG),
                    service.prompts().get(Prompts.GOODBYE));
        } else {
            player.play(null, service.prompts().get(Prompts.WRONG), service.prompts().get(Prompts.MAILBOX));
        }
    }

    @Override
    public void end() {
        if (leg != null) {
            leg.close();
        }
    }
}
