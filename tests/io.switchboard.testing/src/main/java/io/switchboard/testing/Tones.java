package io.switchboard.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Sine tones written as 16-bit mono WAV, and a Goertzel detector for the tone a recording holds. */
public final class Tones {

    private Tones() {
    }

    /** Writes seconds of a sine at hz, half full scale, sampled at 8 kHz. */
    public static Path write(Path file, int hz, int seconds) throws IOException {
        return write(file, hz, seconds, 8000);
    }

    public static Path write(Path file, int hz, int seconds, int rate) throws IOException {
        return write(file, hz, seconds, rate, 1);
    }

    /** @param channels 1, or 2 for the same tone on both (baresip 1.0 plays Opus only from stereo files) */
    public static Path write(Path file, int hz, int seconds, int rate, int channels) throws IOException {
        return write(file, hz, seconds, rate, channels, 16000);
    }

    /** @param amplitude the tone's peak, at most 32767 (quiet ones for many at once in a mix) */
    public static Path write(Path file, int hz, int seconds, int rate, int channels, int amplitude)
            throws IOException {
        int samples = rate * seconds;
        int bytes = samples * 2 * channels;
        ByteBuffer b = ByteBuffer.allocate(44 + bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + bytes).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16).put("data".getBytes()).putInt(bytes);
        for (int i = 0; i < samples; i++) {
            short v = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                b.putShort(v);
            }
        }
        return Files.write(file, b.array());
    }

    /** @return the power of frequency hz in the first channel of a 16-bit PCM WAV, as {@link #power(Path, int, int)} */
    public static double power(Path wav, int hz) throws IOException {
        return power(wav, hz, 0);
    }

    /**
     * The power of a frequency summed over blocks of 100 ms: a steady tone scores what one Goertzel over the
     * whole file gives (a quarter of its amplitude squared per sample), but unlike that one a tone whose phase
     * jumps still counts in full. A jitter buffer's concealed or dropped frame shifts the phase, and over the
     * whole file the parts before and after cancel out in part: one jump cost a clear tone 15/16 of its score.
     *
     * @param channel 0 for the first (left), 1 for the second (right)
     * @return the power of frequency hz in one channel of a 16-bit PCM WAV, per sample; a WAV
     *         without its data chunk's length (a recorder killed early) is read to its end
     */
    public static double power(Path wav, int hz, int channel) throws IOException {
        Pcm pcm = Pcm.read(wav, channel);
        if (pcm == null) {
            return 0;
        }
        int block = Math.max(1, pcm.rate / 10);
        double sum = 0;
        for (int from = 0; from < pcm.samples.length; from += block) {
            sum += pcm.power(hz, from, Math.min(block, pcm.samples.length - from));
        }
        return sum;
    }

    /**
     * The power of frequency hz in each block of the first channel, as a tone detector hears it, for a
     * tone's median or its timeline (where {@link #power(Path, int)} gives only the sum).
     *
     * @return one power per whole block of blockMs, in order
     */
    public static double[] blockPowers(Path wav, int hz, int blockMs) throws IOException {
        Pcm pcm = Pcm.read(wav, 0);
        if (pcm == null) {
            return new double[0];
        }
        int n = pcm.rate * blockMs / 1000;
        double[] blocks = new double[pcm.samples.length / n];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = pcm.power(hz, b * n, n);
        }
        return blocks;
    }

    /** @return the median of a tone's power over blocks of blockMs: what most of the recording holds */
    public static double medianPower(Path wav, int hz, int blockMs) throws IOException {
        double[] blocks = blockPowers(wav, hz, blockMs);
        if (blocks.length == 0) {
            return 0;
        }
        Arrays.sort(blocks);
        return blocks[blocks.length / 2];
    }

    /** One channel of a WAV's samples and their rate. */
    private record Pcm(int rate, short[] samples) {

        static Pcm read(Path wav, int channel) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int rate = 8000;
            int channels = 1;
            int pos = 12;
            int dataStart = -1;
            while (pos + 8 <= b.limit()) {
                String id = new String(b.array(), pos, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    channels = b.getShort(pos + 10);
                    rate = b.getInt(pos + 12);
                } else if (id.equals("data")) {
                    dataStart = pos + 8;
                    break;
                }
                pos += 8 + size;
            }
            if (dataStart < 0) {
                return null;
            }
            int bytes = b.limit() - dataStart - 2 * channel;
            short[] samples = new short[bytes < 2 ? 0 : (bytes - 2) / (2 * channels) + 1];
            for (int k = 0; k < samples.length; k++) {
                samples[k] = b.getShort(dataStart + 2 * channel + 2 * channels * k);
            }
            return new Pcm(rate, samples);
        }

        /** Goertzel over samples [from, from + n), per sample. */
        double power(int hz, int from, int n) {
            double k = 2 * Math.cos(2 * Math.PI * hz / rate);
            double s1 = 0;
            double s2 = 0;
            for (int i = from; i < from + n; i++) {
                double s0 = samples[i] + k * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            return n == 0 ? 0 : (s1 * s1 + s2 * s2 - k * s1 * s2) / n;
        }
    }
}
