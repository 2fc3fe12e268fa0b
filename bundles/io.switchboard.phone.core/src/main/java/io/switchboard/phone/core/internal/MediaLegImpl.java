package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneException;

/**
 * The engine's audio answering an offer for a service inside the server: an {@link RtpStream}
 * ticked every 20 ms on the engine's audio thread, with no SIP of its own.
 */
final class MediaLegImpl implements MediaLeg {

    private static final Pattern LITERAL = Pattern.compile(
            "([0-9]{1,3}\\.){3}[0-9]{1,3}|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]?");

    private final RtpStream rtp;
    private final String answer;
    private final Ticks ticks;
    private final Runnable tick = this::tick;
    private final Ticks.Leg steps = new Ticks.Leg(this::hear, tick, this::flush);
    /** Whether a tick failed already: told once. */
    private boolean failed;

    /** @param signalling the literal address the call's SIP came from, or null */
    MediaLegImpl(String offer, String host, String signalling, AudioSource source, AudioSink sink, IntConsumer digits,
            Ticks ticks, String group) {
        this(offer, host, signalling, source, sink, digits, ticks, group, null);
    }

    /** @param local the server's in-process path to the relay's sockets, or null */
    MediaLegImpl(String offer, String host, String signalling, AudioSource source, AudioSink sink, IntConsumer digits,
            Ticks ticks, String group, LocalDatagrams local) {
        if (!Sdp.literalAddresses(offer)) {
            // a name there comes from whoever sent the offer: it is looked up for nobody
            throw new PhoneException("The offer's connection address is not an IP address");
        }
        try {
            this.rtp = new RtpStream(host, digits, true, local);
        } catch (IOException e) {
            throw new UncheckedIOException("No RTP port on " + host, e);
        }
        try {
            List<AudioCodec> codecs = AudioCodec.of(AudioCodec.NAMES);
            Sdp.Remote r = Sdp.read(offer, codecs);
            rtp.configure(r.codec(), r.eventType(), r.rtp(), literal(signalling), r.receives(), true);
            rtp.audio(source, sink);
            String direction = r.receives() ? (r.sends() ? "sendrecv" : "sendonly") : r.sends() ? "recvonly"
                    : "inactive";
            this.answer = Sdp.describe(host, rtp.port(), ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), 1,
                    List.of(r.codec()), r.eventType(), direction);
        } catch (RuntimeException e) {
            rtp.close();
            throw e;
        }
        this.ticks = ticks;
        ticks.add(steps, group);
    }

    /** @return the address, never looked up: a name is no packet's source */
    private static InetAddress literal(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1)
                    : address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void hear() {
        try {
            rtp.hear();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void tick() {
        try {
            rtp.speak();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void flush() {
        try {
            rtp.flush();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (!failed) {
            failed = true; // once a leg: the next tick would fail the same way, fifty times a second
            System.getLogger(MediaLegImpl.class.getName()).log(System.Logger.Level.WARNING,
                    "Media leg on port " + rtp.port() + ": " + e);
        }
    }

    @Override
    public String sdpAnswer() {
        return answer;
    }

    @Override
    public void audio(AudioSource source, AudioSink sink) {
        rtp.audio(source, sink);
    }

    @Override
    public CallStats stats() {
        return rtp.stats();
    }

    @Override
    public long strangers() {
        return rtp.strangers();
    }

    @Override
    public void close() {
        ticks.remove(tick);
        long dropped = rtp.strangers();
        if (dropped > 0) {
            System.getLogger(MediaLegImpl.class.getName()).log(System.Logger.Level.WARNING,
                    "Media leg on port " + rtp.port() + ": " + dropped + " packets from strangers dropped");
        }
        rtp.close(); // closes the sink too
    }
}
