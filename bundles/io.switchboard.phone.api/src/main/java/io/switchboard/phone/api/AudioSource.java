package io.switchboard.phone.api;

/** Where a call's outgoing audio comes from: a microphone, a WAV file, a tone. Called every 20 ms. */
@FunctionalInterface
public interface AudioSource {

    /**
     * Fills one frame of 16-bit linear PCM.
     *
     * @param frame the samples to fill: 20 ms at {@code sampleRate}
     * @param sampleRate 8000, 16000 or 48000
     */
    void read(short[] frame, int sampleRate);
}
