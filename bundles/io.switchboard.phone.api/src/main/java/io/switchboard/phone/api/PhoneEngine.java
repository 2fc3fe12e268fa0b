package io.switchboard.phone.api;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The service that makes phones, each on a SIP stack of its own, and the audio they play and record.
 * Only the engine implements it ({@code io.switchboard.phone.core}); services and the console use it.
 */
@ProviderType
public interface PhoneEngine {

    /**
     * Opens a phone, which registers at once when the account asks for it; the listener hears of the
     * outcome.
     *
     * @throws PhoneException when no SIP port can be opened
     */
    Phone open(PhoneAccount account, PhoneListener listener);

    /** @return a source that plays a sine tone at {@code hz}, at -10 dBFS */
    AudioSource tone(double hz);

    /** @return a source that plays a WAV file (16-bit PCM, mono) over and over */
    AudioSource play(Path wav);

    /** @return a sink that writes what it hears into a WAV file (16-bit PCM, mono) */
    AudioSink record(Path wav);

    /** @return the names of the machine's audio devices that can capture, empty when it has none */
    List<String> microphones();

    /** @return the names of the machine's audio devices that can play, empty when it has none */
    List<String> speakers();

    /** @throws PhoneException when the device is gone or busy */
    AudioSource microphone(String name);

    AudioSink speaker(String name);

    /**
     * Answers an SDP offer with the engine's audio, for a service that takes calls itself (since 1.4).
     *
     * @param host the address the caller's media reaches this server at (the leg's sockets bind to it)
     * @param digits told each key the caller presses (RFC 4733), as its character: '0' to '9', '*', '#', 'A' to 'D'
     * @throws PhoneException when the offer has no codec the engine speaks
     */
    MediaLeg answer(String sdpOffer, String host, AudioSource source, AudioSink sink,
            IntConsumer digits);

    /**
     * Answers as {@link #answer(String, String, AudioSource, AudioSink, IntConsumer)},
     * with the leg's audio ticked on the same thread as the other legs of {@code group} and in the
     * same 20 ms tick: a conference room's participants, whose sources and sinks share the room's
     * frames. Legs of other groups may be ticked by other threads (one per core).
     *
     * @param group what the leg belongs with (a room's number), or null for a leg on its own
     * @since 1.7
     */
    MediaLeg answer(String sdpOffer, String host, AudioSource source, AudioSink sink,
            IntConsumer digits, String group);

    /**
     * Answers as {@link #answer(String, String, AudioSource, AudioSink, IntConsumer, String)}.
     * Every leg hears only the address the offer names, or one source that latches onto it within
     * seconds of the answer (a phone behind NAT) from the offer's host or from {@code signalling};
     * anyone else's packets and digits are dropped and counted ({@link MediaLeg#strangers()}), so that
     * nobody who learns the port hears the call or presses its keys. Without {@code signalling}, only
     * the offer's host may latch.
     *
     * @param signalling the IP address the call's SIP came from (its packets' real source), or null
     * @since 1.8
     */
    MediaLeg answer(String sdpOffer, String host, String signalling, AudioSource source, AudioSink sink,
            IntConsumer digits, String group);

    /**
     * @return the address of this host that the sender of an SDP offer reaches, for {@link #answer}:
     *         loopback for an offer from this host, else the first IPv4 address that is not loopback
     * @since 1.6
     */
    String hostFor(String sdpOffer);
}
