package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.switchboard.sip.api.provisioning.MediaEncryption;

/**
 * Whether an offer's media may go between two legs, by their media encryption policies and their
 * transports. SDES (RFC 4568) carries the SRTP keys in the SDP, so the switch hands them on only
 * from a TLS leg to a TLS leg: keys offered over a plain leg, or towards one, are taken out when
 * the offer also allows plain media ({@code RTP/AVP} with {@code a=crypto}, "best effort") and fail
 * the call when it insists on SRTP ({@code RTP/SAVP}). The relay forwards SRTP unchanged.
 */
final class SrtpPolicy {

    /** One end of a call: who it is (for the reason), its policy, and whether its leg is TLS. */
    record End(String who, MediaEncryption policy, boolean tls) {
    }

    /** The offer to send on, or why the call may not go: the reason its call record keeps. */
    record Outcome(byte[] offer, String refusal) {
        boolean refused() {
            return refusal != null;
        }
    }

    private SrtpPolicy() {
    }

    static Outcome offer(byte[] sdp, End caller, End callee) {
        Audio audio = Audio.of(sdp);
        boolean keys = audio.keys();
        if (caller.policy() == MediaEncryption.REQUIRED && !keys) {
            return refuse(caller.who() + " must encrypt its media (mediaEncryption required) but offered no SRTP keys");
        }
        if (callee.policy() == MediaEncryption.REQUIRED && !keys) {
            return refuse(callee.who() + " takes only encrypted media (mediaEncryption required) and the caller "
                    + "offered none");
        }
        if (callee.policy() == MediaEncryption.REQUIRED && !callee.tls()) {
            return refuse(callee.who() + " takes only encrypted media (mediaEncryption required) but is not reached "
                    + "over TLS");
        }
        if (!keys) {
            return new Outcome(sdp, null);
        }
        String plainOnly = !caller.tls() ? caller.who() + " sent SRTP keys over a plain connection (SDES needs TLS)"
                : !callee.tls() ? callee.who() + " is not reached over TLS and SRTP keys go only over TLS"
                : caller.policy() == MediaEncryption.OFF ? caller.who() + " may not encrypt its media (mediaEncryption off)"
                : callee.policy() == MediaEncryption.OFF ? callee.who() + " takes no encrypted media (mediaEncryption off)"
                : null;
        if (plainOnly == null) {
            return new Outcome(sdp, null);
        }
        if (audio.mandatory() || caller.policy() == MediaEncryption.REQUIRED
                || callee.policy() == MediaEncryption.REQUIRED) {
            return refuse(plainOnly + (audio.mandatory() ? ", and the caller offered SRTP only (RTP/SAVP)" : ""));
        }
        return new Outcome(withoutKeys(sdp), null);
    }

    /**
     * Any SDP after the first offer (re-INVITE, UPDATE, an answer): its keys go on only where both
     * legs are TLS and neither end refuses encryption; elsewhere they are taken out, so that no key
     * ever crosses a plain connection whatever the SDP's place in the call.
     */
    static byte[] crossing(byte[] sdp, End from, End to) {
        if (sdp == null || !new String(sdp, StandardCharsets.UTF_8).contains("a=crypto:")) {
            return sdp;
        }
        boolean may = from.tls() && to.tls() && from.policy() != MediaEncryption.OFF
                && to.policy() != MediaEncryption.OFF;
        return may ? sdp : withoutKeys(sdp);
    }

    /** @return whether a body's first audio stream carries SRTP keys: an answer that did encrypt */
    static boolean encrypted(byte[] sdp) {
        return Audio.of(sdp).keys();
    }

    private static Outcome refuse(String why) {
        return new Outcome(null, why);
    }

    /** The first audio stream's transport and keys. */
    private record Audio(boolean mandatory, boolean keys) {
        static Audio of(byte[] sdp) {
            if (sdp == null || sdp.length == 0) {
                return new Audio(false, false);
            }
            boolean inAudio = false;
            boolean mandatory = false;
            for (String line : new String(sdp, StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.startsWith("m=")) {
                    if (inAudio) {
                        break;
                    }
                    String[] m = line.substring(2).trim().split(" +");
                    inAudio = m.length > 2 && m[0].equals("audio");
                    mandatory = inAudio && m[2].toUpperCase(Locale.ROOT).contains("SAVP");
                } else if (inAudio && line.startsWith("a=crypto:")) {
                    return new Audio(mandatory, true);
                }
            }
            return new Audio(mandatory, false);
        }
    }

    /** The body without its {@code a=crypto} lines: plain RTP, as its {@code RTP/AVP} line already says. */
    private static byte[] withoutKeys(byte[] sdp) {
        String text = new String(sdp, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (!line.startsWith("a=crypto:")) {
                out.append(line).append(eol);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
