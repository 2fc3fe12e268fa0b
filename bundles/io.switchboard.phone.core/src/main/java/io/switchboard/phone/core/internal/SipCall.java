package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneException;

/**
 * One call of a {@link SipPhone}: its state, its dialog and its audio. The phone's SIP listener
 * hands it the messages of its dialog; the methods of {@link PhoneCall} send the requests.
 */
final class SipCall implements PhoneCall {

    private final SipPhone phone;
    private final String id;
    private final boolean outgoing;
    private final String remote;
    private final String remoteName;
    private final Instant started = Instant.now();
    private final RtpStream rtp;
    private final long sessionId = System.currentTimeMillis();
    private final AtomicLong sdpVersion = new AtomicLong();
    private volatile CallState state;
    private volatile Instant answered;
    private volatile Instant ended;
    private volatile int failureCode;
    private volatile boolean onHold;
    private volatile AudioCodec codec;
    private volatile int eventType = Sdp.EVENTS;
    /** Outgoing: the INVITE's transaction until a final answer; incoming: the INVITE's server transaction. */
    volatile ClientTransaction invite;
    volatile ServerTransaction incoming;
    /** Incoming: the INVITE's offer (null when it made none) and the To tag of this phone's answers. */
    volatile byte[] offerIn;
    volatile String localTag;
    volatile Dialog dialog;
    /** The call this one replaces once answered (it came with Replaces). */
    volatile SipCall replaces;
    /** This phone asked the far end to transfer: the call to end once the NOTIFY says the transfer worked. */
    volatile SipCall transferring;
    /** This call was placed for a REFER of {@code referredBy}'s far end, which hears how it goes. */
    volatile SipCall referredBy;

    SipCall(SipPhone phone, String id, boolean outgoing, String remote, String remoteName) {
        this.phone = phone;
        this.id = id;
        this.outgoing = outgoing;
        this.remote = remote;
        this.remoteName = remoteName;
        this.state = outgoing ? CallState.DIALING : CallState.INCOMING;
        try {
            this.rtp = new RtpStream(phone.host(), digit -> phone.dtmf(this, (char) digit));
        } catch (IOException e) {
            throw new PhoneException("Cannot open an RTP port: " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public String remoteName() {
        return remoteName;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public Instant answered() {
        return answered;
    }

    @Override
    public Instant ended() {
        return ended;
    }

    @Override
    public int failureCode() {
        return failureCode;
    }

    RtpStream rtp() {
        return rtp;
    }

    /** @return the offer this phone makes (a new call, hold, resume) */
    String offer(String direction) {
        List<AudioCodec> codecs = codec == null ? phone.newCodecs() : List.of(codec);
        return Sdp.describe(phone.host(), rtp.port(), sessionId, sdpVersion.getAndIncrement(), codecs, eventType,
                direction);
    }

    /** Applies the far end's offer or answer; @return the answer to an offer */
    synchronized String remoteDescription(byte[] body, boolean isOffer) {
        Sdp.Remote r = Sdp.read(new String(body, StandardCharsets.UTF_8), codec == null ? phone.newCodecs()
                : List.of(codec));
        codec = r.codec();
        eventType = r.eventType();
        boolean farOnHold = !r.receives() && r.sends() || !r.receives() && !r.sends();
        rtp.configure(r.codec(), r.eventType(), r.rtp(), null, r.receives() && !onHold, !onHold);
        if (!isOffer) {
            return null;
        }
        String direction = onHold ? "sendonly" : !r.receives() ? (r.sends() ? "recvonly" : "inactive") : "sendrecv";
        if (answered != null && !onHold) {
            set(farOnHold ? CallState.HELD : CallState.CONNECTED);
        }
        return offer(direction);
    }

    void audio(AudioSource source, AudioSink sink) {
        rtp.audio(source, sink);
    }

    AudioSource source() {
        return rtp.source();
    }

    AudioSink sink() {
        return rtp.sink();
    }

    @Override
    public void answer(AudioSource source, AudioSink sink) {
        if (state != CallState.INCOMING) {
            throw new PhoneException("Call " + id + " is " + state + ", not ringing here");
        }
        audio(source, sink);
        phone.answer(this);
    }

    @Override
    public void reject(int status) {
        if (state != CallState.INCOMING) {
            throw new PhoneException("Call " + id + " is " + state + ", not ringing here");
        }
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("A rejection is a 4xx, 5xx or 6xx status, not " + status);
        }
        phone.respond(incoming, status, null);
        ended(status);
    }

    @Override
    public void hangup() {
        CallState s = state;
        if (s == CallState.ENDED) {
            return;
        }
        try {
            if (s == CallState.INCOMING) {
                reject(Response.DECLINE);
            } else if (answered == null && outgoing) {
                ClientTransaction ct = invite;
                if (ct != null) {
                    phone.provider().getNewClientTransaction(ct.createCancel()).sendRequest();
                }
            } else {
                phone.inDialog(this, Request.BYE, null);
                ended(0);
            }
        } catch (SipException e) {
            ended(0);
            throw new PhoneException("Cannot hang up call " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void hold() {
        connected("hold");
        onHold = true;
        phone.inDialog(this, Request.INVITE, offer("sendonly"));
        set(CallState.HELD);
    }

    @Override
    public void resume() {
        if (!onHold) {
            throw new PhoneException("Call " + id + " is not on hold here");
        }
        onHold = false;
        phone.inDialog(this, Request.INVITE, offer("sendrecv"));
        set(CallState.CONNECTED);
    }

    @Override
    public void sendDtmf(String digits) {
        connected("send digits on");
        rtp.dtmf(digits);
    }

    @Override
    public void transfer(String target) {
        connected("transfer");
        phone.refer(this, phone.uri(target).toString(), null);
    }

    @Override
    public void transfer(PhoneCall other) {
        connected("transfer");
        if (!(other instanceof SipCall o) || o.phone != phone || o.dialog == null) {
            throw new PhoneException("An attended transfer needs another answered call of the same phone");
        }
        phone.refer(this, o.remote, o);
    }

    @Override
    public CallStats stats() {
        return rtp.stats();
    }

    private void connected(String what) {
        if (answered == null || state == CallState.ENDED) {
            throw new PhoneException("Cannot " + what + " call " + id + ": it is " + state);
        }
    }

    /** The far end answered, or this phone did. */
    void connectedNow() {
        answered = Instant.now();
        set(CallState.CONNECTED);
    }

    void set(CallState next) {
        if (state != next && state != CallState.ENDED) {
            state = next;
            phone.changed(this, next);
        }
    }

    /** @param code the final status when it ended without an answer, else 0 */
    void ended(int code) {
        if (state == CallState.ENDED) {
            return;
        }
        if (answered == null) {
            failureCode = code;
        }
        ended = Instant.now();
        rtp.close();
        set(CallState.ENDED);
        phone.gone(this);
    }

    @Override
    public String toString() {
        return "Call[" + id + " " + (outgoing ? "to " : "from ") + remote + " " + state + "]";
    }
}
