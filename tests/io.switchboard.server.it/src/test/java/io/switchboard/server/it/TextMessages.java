package io.switchboard.server.it;

import java.util.Locale;

/** A phone's or a carrier's request sent with {@link RawSip} (MESSAGE, PUBLISH), answering the switch's digest challenge. */
final class TextMessages {

    private TextMessages() {
    }

    /**
     * @param authUser who answers the challenge, with {@code password}; a carrier is never challenged
     * @return the switch's final answer
     */
    static RawSip.Reply send(RawSip from, int sip, String sender, String to, String text, String authUser,
            String password) throws Exception {
        return request(from, sip, "MESSAGE", sender, to, "Content-Type: text/plain", text, authUser, password);
    }

    /**
     * Any request outside a dialog, authenticated as a phone's: a PUBLISH, a SUBSCRIBE.
     *
     * @param headers more header lines ("Event: presence\nExpires: 600"), without a trailing newline
     * @param body the body, or "" for none
     */
    static RawSip.Reply request(RawSip from, int sip, String method, String sender, String to, String headers,
            String body, String authUser, String password) throws Exception {
        String callId = method.toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
        String uri = "sip:" + to + "@127.0.0.1:" + sip;
        String head = method + " " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + from.port + ";branch=z9hG4bK-"
                + callId + "-%d\nFrom: <sip:" + sender + "@127.0.0.1>;tag=m" + callId.hashCode() + "\nTo: <sip:" + to
                + "@127.0.0.1>\nCall-ID: " + callId + "\nCSeq: %d " + method + "\nMax-Forwards: 70\n" + headers;
        RawSip.Reply challenge = from.ask(sip, String.format(head, 1, 1), body, callId);
        if (challenge == null || challenge.status() != 407) {
            return challenge;
        }
        String nonce = challenge.param("Proxy-Authenticate", "nonce");
        String authorization = "Digest username=\"" + authUser + "\", realm=\"switchboard\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + RawSip.md5Response(authUser, "switchboard", password,
                        method, uri, nonce, "00000001", "c0ffee") + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"c0ffee\"";
        return from.ask(sip, String.format(head, 2, 2) + "\nProxy-Authorization: " + authorization, body, callId);
    }
}
