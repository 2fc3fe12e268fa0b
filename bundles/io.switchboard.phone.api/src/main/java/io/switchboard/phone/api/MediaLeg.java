package io.switchboard.phone.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Audio of a call that a service inside the server answers itself (voicemail, a bridge): the phone
 * engine's RTP, codecs, jitter buffer and RFC 4733 digits without a SIP stack of its own; the
 * service's call target gives {@link #sdpAnswer()} to the switch (since 1.4).
 */
@ProviderType
public interface MediaLeg extends AutoCloseable {

    /** @return the answer to the offer the leg was made for */
    String sdpAnswer();

    /** Changes what the caller hears and where what it says goes; from the next 20 ms frame. */
    void audio(AudioSource source, AudioSink sink);

    /** @return what was measured on the caller's packets */
    CallStats stats();

    /**
     * @return the packets dropped because they came from neither the address the offer named nor the
     *         source the leg latched onto (digits among them were not acted on)
     * @since 1.8
     */
    long strangers();

    /** Stops the audio and frees the ports; the sink is closed. */
    @Override
    void close();
}
