package io.switchboard.phone.api;

/** Where a call's incoming audio goes: a speaker, a WAV file, a detector. Called every 20 ms. */
public interface AudioSink extends AutoCloseable {

    /**
     * Takes one frame of 16-bit linear PCM, after the jitter buffer (concealed where packets were lost).
     *
     * @param sampleRate 8000, 16000 or 48000
     */
    void write(short[] frame, int sampleRate);

    /**
     * Whether this sink keeps what it is given rather than playing it: a recording gets every frame
     * that came, also the ones the jitter buffer drops to shrink its delay and the ones still waiting
     * in it when the call ends; a speaker gets them in time or not at all.
     *
     * @since 1.5
     */
    default boolean records() {
        return false;
    }

    /** The call ended: a file is completed. */
    @Override
    default void close() {
    }
}
