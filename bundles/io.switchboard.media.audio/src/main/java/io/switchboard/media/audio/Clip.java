package io.switchboard.media.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** A short piece of 16-bit mono audio in memory: a prompt, a tone, a recorded message. */
public record Clip(short[] samples, int rate) {

    public static Clip read(InputStream wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(wav))) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException("Not 16-bit mono PCM: " + f);
            }
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(samples);
            return new Clip(samples, (int) f.getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("Not a WAV file: " + e.getMessage(), e);
        }
    }

    public static Clip read(Path wav) throws IOException {
        try (InputStream in = Files.newInputStream(wav)) {
            return read(in);
        }
    }

    private static final Map<Integer, Clip> BEEPS = new ConcurrentHashMap<>();

    /** The beep before recording: 0.5 s at 1 kHz, made once per sample rate (a clip is never changed). */
    public static Clip beep(int rate) {
        return BEEPS.computeIfAbsent(rate, Clip::makeBeep);
    }

    private static Clip makeBeep(int rate) {
        short[] s = new short[rate / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        return new Clip(s, rate);
    }

    private static final Map<Integer, Clip> RINGBACKS = new ConcurrentHashMap<>();

    /** Ringing as North American phones hear it: 440 and 480 Hz for 2 s, then 4 s of silence (made once per rate). */
    public static Clip ringback(int rate) {
        return RINGBACKS.computeIfAbsent(rate, Clip::makeRingback);
    }

    private static Clip makeRingback(int rate) {
        short[] s = new short[rate * 6];
        for (int i = 0; i < rate * 2; i++) {
            s[i] = (short) (4000 * (Math.sin(2 * Math.PI * 440 * i / rate) + Math.sin(2 * Math.PI * 480 * i / rate)));
        }
        return new Clip(s, rate);
    }

    private static final Map<Integer, Clip> MUSIC = new ConcurrentHashMap<>();
    /** Four chords of three notes, four seconds each (Hz): C, A minor, F, G. */
    private static final double[][] CHORDS = { { 261.63, 329.63, 392.00 }, { 220.00, 261.63, 329.63 },
            { 174.61, 220.00, 261.63 }, { 196.00, 246.94, 293.66 } };
    private static final int CHORD_SECONDS = 4;
    /** About -20 dBFS for the three notes together: music under a conversation's level. */
    private static final double MUSIC_LEVEL = 1100;

    /**
     * The built-in hold music: a sixteen-second loop of soft chords, made here so that no recording's rights need
     * minding (made once per rate).
     *
     * @since 1.5
     */
    public static Clip music(int rate) {
        return MUSIC.computeIfAbsent(rate, Clip::makeMusic);
    }

    private static Clip makeMusic(int rate) {
        int per = rate * CHORD_SECONDS;
        short[] out = new short[per * CHORDS.length];
        for (int c = 0; c < CHORDS.length; c++) {
            for (int i = 0; i < per; i++) {
                double t = (double) i / rate;
                // a slow swell and fade in each chord, so that the loop and the changes do not click
                double envelope = Math.sin(Math.PI * i / per);
                double v = 0;
                for (double hz : CHORDS[c]) {
                    v += Math.sin(2 * Math.PI * hz * t);
                }
                out[c * per + i] = (short) Math.round(MUSIC_LEVEL * envelope * v);
            }
        }
        return new Clip(out, rate);
    }

    /** Zero crossings of the filter on each side of a resampled sample. */
    private static final int TAPS = 16;

    /**
     * This clip at another rate: each new sample a windowed sinc of its neighbours, cut off below the lower
     * rate's half so that music made smaller does not fold its highs into the band (the nearest sample would).
     *
     * @return this clip at {@code outRate}; itself at its own rate
     * @since 1.6
     */
    public Clip resampled(int outRate) {
        if (outRate == rate) {
            return this;
        }
        double step = (double) rate / outRate;
        double cutoff = Math.min(1.0, (double) outRate / rate) * 0.9;
        int half = (int) Math.ceil(TAPS / cutoff); // the filter spans as many of its lobes at any ratio
        double[] kernel = kernel(cutoff, half);
        short[] out = new short[(int) (samples.length / step)];
        for (int n = 0; n < out.length; n++) {
            double at = n * step;
            int centre = (int) Math.floor(at);
            double sum = 0;
            double weights = 0;
            for (int k = Math.max(0, centre - half + 1); k <= Math.min(samples.length - 1, centre + half); k++) {
                double w = kernel[(int) Math.round(Math.abs(at - k) * KERNEL_STEPS)];
                sum += w * samples[k];
                weights += w;
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum / weights)));
        }
        return new Clip(out, outRate);
    }

    /** Steps of the filter's table per input sample: finer than a 16-bit sample can tell. */
    private static final int KERNEL_STEPS = 512;

    /** @return the windowed sinc at every 1/{@value #KERNEL_STEPS} of a sample from 0 to {@code half + 1} */
    private static double[] kernel(double cutoff, int half) {
        double[] table = new double[(half + 1) * KERNEL_STEPS + 1];
        for (int i = 0; i < table.length; i++) {
            double d = (double) i / KERNEL_STEPS;
            double x = d * cutoff;
            double sinc = x < 1e-9 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            table[i] = sinc * (0.5 + 0.5 * Math.cos(Math.PI * d / (half + 1)));
        }
        return table;
    }

    /**
     * @return these clips one after the other, each at {@code outRate}
     * @since 1.6
     */
    public static Clip joined(List<Clip> clips, int outRate) {
        List<Clip> at = clips.stream().map(c -> c.resampled(outRate)).toList();
        short[] out = new short[at.stream().mapToInt(c -> c.samples().length).sum()];
        int i = 0;
        for (Clip c : at) {
            System.arraycopy(c.samples(), 0, out, i, c.samples().length);
            i += c.samples().length;
        }
        return new Clip(out, outRate);
    }

    public double seconds() {
        return samples.length / (double) rate;
    }

    /** @return the sample at {@code index} of this clip played at {@code outRate} (the nearest one) */
    public short at(long index, int outRate) {
        long i = outRate == rate ? index : index * rate / outRate;
        return i < samples.length ? samples[(int) i] : 0;
    }

    /** @return how many samples it lasts at {@code outRate} */
    public long length(int outRate) {
        return outRate == rate ? samples.length : (long) samples.length * outRate / rate;
    }

    /**
     * @param threshold the RMS of a 20 ms frame under which it counts as silence
     * @return this clip without the silence at its end
     */
    public Clip trimmed(double threshold) {
        int frame = rate / 50;
        int end = samples.length - samples.length % frame;
        while (end >= frame && rms(end - frame, end) < threshold) {
            end -= frame;
        }
        return new Clip(Arrays.copyOf(samples, end), rate);
    }

    private double rms(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /**
     * Writes this clip as a WAV file (16-bit PCM, mono) to a stream.
     *
     * @since 1.6
     */
    public void write(OutputStream wav) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), f,
                samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav);
        }
    }

    /** Writes this clip as a WAV file, whole or not at all: a reader never finds half of it. */
    public void write(Path wav) throws IOException {
        Path partial = wav.resolveSibling(wav.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            write(out);
        }
        Files.move(partial, wav, StandardCopyOption.ATOMIC_MOVE);
    }
}
