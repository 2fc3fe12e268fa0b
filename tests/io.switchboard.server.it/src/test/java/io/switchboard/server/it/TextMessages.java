package io.switchboard.server.it;

/** A user's or a carrier's SIP MESSAGE sent with {@link RawSip}, answering the switch's digest challenge. */
final class TextMessages {

    private TextMessages() {
    }

    /**
     * @param authUser who answers the challenge, with {@code password}; a carrier is never challenged
     * @return the switch's final answer
     */
    static RawSip.Reply send(RawSip from, int sip, String sender, String to, String text, String authUser,
            String password) throws Exception {
        String callId = "msg-" + System.nanoTime();
        String uri = "sip:" + to + "@127.0.0.1:" + sip;
        String head = "MESSAGE " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + from.port + ";branch=z9hG4bK-" + callId
                + "-%d\nFrom: <sip:" + sender + "@127.0.0.1>;tag=m" + callId.hashCode() + "\nTo: <sip:" + to
                + "@127.0.0.1>\nCall-ID: " + callId + "\nCSeq: %d MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain";
        RawSip.Reply challenge = from.ask(sip, String.format(head, 1, 1), text, callId);
        if (challenge == null || challenge.status() != 407) {
            return challenge;
        }
        String nonce = challenge.param("Proxy-Authenticate", "nonce");
        String authorization = "Digest username=\"" + authUser + "\", realm=\"switchboard\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + RawSip.md5Response(authUser, "switchboard", password,
                        "MESSAGE", uri, nonce, "00000001", "c0ffee") + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"c0ffee\"";
        return from.ask(sip, String.format(head, 2, 2) + "\nProxy-Authorization: " + authorization, text, callId);
    }
}
