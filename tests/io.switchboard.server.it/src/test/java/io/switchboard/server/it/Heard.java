package io.switchboard.server.it;

import java.util.concurrent.TimeUnit;

import io.switchboard.media.audio.Goertzel;
import io.switchboard.phone.api.AudioSink;

/** What an engine phone hears (8 kHz), measured at two frequencies over a second at a time, waited for. */
final class Heard implements AudioSink {

    private static final int SECOND = 8000;

    private final String who;
    /** Guarded by this. */
    private Goertzel[] window;

    Heard(String who) {
        this.who = who;
    }

    @Override
    public synchronized void write(short[] frame, int sampleRate) {
        Goertzel[] w = window;
        if (w != null) {
            w[0].add(frame);
            w[1].add(frame);
            if (w[0].samples() >= SECOND) {
                notifyAll();
            }
        }
    }

    @Override
    public void close() {
        // nothing kept
    }

    /** Waits for the sound to be the one wanted (a change takes a packet or two), or fails saying what was heard. */
    void expect(int hz, int notHz, String when) throws InterruptedException {
        String[] last = { "nothing" };
        PhoneChecks.await(who + " hears " + hz + " Hz and not " + notHz + " Hz " + when, () -> {
            Goertzel[] w = { new Goertzel(hz, SECOND), new Goertzel(notHz, SECOND) };
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            synchronized (this) {
                window = w;
                try {
                    while (w[0].samples() < SECOND && System.nanoTime() < deadline) {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                window = null;
            }
            double wanted = amplitude(w[0]);
            double unwanted = amplitude(w[1]);
            last[0] = String.format("amplitude at %d Hz %.0f, at %d Hz %.0f, over %d samples", hz, wanted, notHz,
                    unwanted, w[0].samples());
            return w[0].samples() >= SECOND && wanted > 300 && unwanted < wanted / 5;
        }, () -> last[0]);
    }

    /** @return the amplitude of the sine at the frequency measured: the power is (A n / 2)^2 */
    private static double amplitude(Goertzel g) {
        return g.samples() == 0 ? 0 : 2 * Math.sqrt(g.power()) / g.samples();
    }
}
