package io.switchboard.phone.core.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;

/**
 * Concentus alone, as the engine drives it (mono, voice mode, in-band FEC): the CPU time of its
 * encoder and decoder per second of speech-like audio, at 48 and 16 kHz and complexity 5 and 3,
 * measured on this thread after a warm-up round.
 */
final class OpusCost {

    private OpusCost() {
    }

    static String report(int seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            for (int rate : new int[] { 48_000, 16_000 }) {
                for (int complexity : new int[] { 5, 3 }) {
                    OpusEncoder encoder = new OpusEncoder(rate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
                    encoder.setComplexity(complexity);
                    encoder.setUseInbandFEC(true);
                    encoder.setPacketLossPercent(5);
                    OpusDecoder decoder = new OpusDecoder(rate, 1);
                    int frame = rate / 50;
                    short[] pcm = new short[frame];
                    short[] decoded = new short[frame * 6];
                    byte[] packet = new byte[1275];
                    long sample = 0;
                    long encoding = 0;
                    long decoding = 0;
                    for (int f = 0; f < seconds * 50; f++) {
                        for (int i = 0; i < frame; i++, sample++) {
                            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / rate)
                                    + 2000 * Math.sin(2 * Math.PI * 3100 * sample / rate));
                        }
                        long t0 = threads.getCurrentThreadCpuTime();
                        int n = encoder.encode(pcm, 0, frame, packet, 0, packet.length);
                        long t1 = threads.getCurrentThreadCpuTime();
                        decoder.decode(packet, 0, n, decoded, 0, decoded.length, false);
                        encoding += t1 - t0;
                        decoding += threads.getCurrentThreadCpuTime() - t1;
                    }
                    if (round == 1) { // the first round warms the compiler up
                        out.append(String.format("Concentus at %d Hz, complexity %d: encoder %.1f ms, decoder %.1f ms "
                                + "CPU per second of audio%n", rate, complexity, encoding / 1e6 / seconds,
                                decoding / 1e6 / seconds));
                    }
                }
            }
        }
        return out.toString().stripTrailing();
    }
}
