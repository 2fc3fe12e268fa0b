package io.switchboard.conference.core.internal;

import java.time.Instant;
import java.util.Arrays;

import io.switchboard.conference.api.Participant;
import io.switchboard.conference.api.ParticipantVideo;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallStats;

/**
 * One participant's audio in the bridge: what they say is kept, at 16 kHz, for the others' mixes;
 * what they hear is everyone else's voice (mix-minus), a prompt while they type the PIN, and the
 * tones of others joining and leaving. The phone engine calls both sides every 20 ms on its tick
 * thread; the arrays are made once.
 */
final class Member implements AudioSource, AudioSink {

    /** Mean absolute sample above which a frame is speech: about -40 dBFS. */
    static final int TALKING = 300;
    private static final long HANGOVER_NANOS = 300_000_000L;

    final String callId;
    final String caller;
    final String callerName;
    /** The room called them. */
    final boolean invited;
    private final Bridge bridge;
    /** What they said in their last frame, at 16 kHz; silence while they are muted or not yet in. */
    final short[] said = new short[Pcm.WIDE];
    private final int[] mix = new int[Pcm.WIDE];
    volatile boolean in;
    /** The switch's user who called in, or null for a call from a trunk or one the room made. */
    volatile String user;
    /** Whether the room's last sum counted what they said: read and written on the room's tick thread. */
    boolean counted;
    /** Their video, or null for an audio-only call. */
    volatile VideoLeg video;
    volatile boolean moderator;
    volatile boolean muted;
    volatile Instant joined;
    volatile int rate = 8000;
    private volatile long talkingUntil;
    private volatile short[] prompt;
    private int promptAt;
    private int toneFrames;
    private double toneHz;
    private double phase;

    Member(Bridge bridge, String callId, String caller, String callerName) {
        this(bridge, callId, caller, callerName, false);
    }

    Member(Bridge bridge, String callId, String caller, String callerName, boolean invited) {
        this.invited = invited;
        this.bridge = bridge;
        this.callId = callId;
        this.caller = caller;
        this.callerName = callerName;
    }

    @Override
    public void write(short[] frame, int sampleRate) {
        rate = sampleRate;
        bridge.said();
        if (!in || muted || bridge.waiting(this)) {
            Arrays.fill(said, (short) 0);
            return;
        }
        Pcm.toWide(frame, sampleRate, said);
        if (Pcm.level(said) > TALKING) {
            talkingUntil = System.nanoTime() + HANGOVER_NANOS;
        }
    }

    @Override
    public void read(short[] frame, int sampleRate) {
        rate = sampleRate;
        bridge.tick(this);
        Arrays.fill(mix, 0);
        short[] p = prompt;
        if (p != null) {
            for (int i = 0; i < Pcm.WIDE && promptAt < p.length; i++) {
                mix[i] = p[promptAt++];
            }
            if (promptAt >= p.length) {
                prompt = null;
            }
        } else if (in && !bridge.waiting(this)) {
            bridge.mixFor(this, mix);
        }
        if (toneFrames > 0) {
            toneFrames--;
            for (int i = 0; i < Pcm.WIDE; i++) {
                mix[i] += (int) (6000 * Math.sin(phase));
                phase += 2 * Math.PI * toneHz / 16000;
            }
        }
        Pcm.fromWide(mix, sampleRate, frame);
    }

    /** Plays a prompt (16 kHz samples) from the next frame on, in place of the room. */
    void prompt(short[] samples) {
        promptAt = 0;
        prompt = samples;
    }

    /** Mixes a short tone into what this participant hears: high for someone joining, low for leaving. */
    void tone(boolean joining) {
        toneHz = joining ? 880 : 440;
        toneFrames = 8;
    }

    /** @return the number of the member's room */
    String number() {
        return bridge.number;
    }

    boolean talking() {
        return in && !muted && System.nanoTime() < talkingUntil;
    }

    /** @param mos their leg's MOS so far, or null */
    /** @param audio the figures of its audio, or null; its MOS is shown after a second of audio */
    Participant participant(CallStats audio) {
        Double mos = audio == null || audio.packetsReceived() < 50 ? null : audio.mos();
        VideoLeg v = video;
        return new Participant(callId, bridge.number, caller, callerName, joined, moderator, muted, talking(), rate,
                invited, v == null ? null : new ParticipantVideo(bridge.video.shown() == v, v.packetsIn.get(),
                        v.packetsOut.get(), v.keyframeRequests.get()), mos);
    }
}
