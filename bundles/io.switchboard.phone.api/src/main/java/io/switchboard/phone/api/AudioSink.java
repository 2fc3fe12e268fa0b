package io.switchboard.phone.api;

/** Where a call's incoming audio goes: a speaker, a WAV file, a detector. Called every 20 ms. */
public interface AudioSink extends AutoCloseable {

    /**
     * Takes one frame of 16-bit linear PCM, after the jitter buffer (concealed where packets were lost).
     *
     * @param sampleRate 8000, 16000 or 48000
     */
    void write(short[] frame, int sampleRate);

    /** The call ended: a file is completed. */
    @Override
    default void close() {
    }
}
