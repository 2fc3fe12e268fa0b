package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The hold music's samples: the built-in piece, or an admin's WAV file. */
final class MusicSource {

    static final int RATE = 8000;
    /** Four chords of three notes, four seconds each (Hz): C, A minor, F, G. */
    private static final double[][] CHORDS = { { 261.63, 329.63, 392.00 }, { 220.00, 261.63, 329.63 },
            { 174.61, 220.00, 261.63 }, { 196.00, 246.94, 293.66 } };
    private static final int CHORD_SECONDS = 4;
    /** About -20 dBFS for the three notes together: music under a conversation's level. */
    private static final double LEVEL = 1100;

    private MusicSource() {
    }

    /** A sixteen-second loop of soft chords, made here: no recording's rights to mind. */
    static short[] builtIn() {
        int per = RATE * CHORD_SECONDS;
        short[] out = new short[per * CHORDS.length];
        for (int c = 0; c < CHORDS.length; c++) {
            for (int i = 0; i < per; i++) {
                double t = (double) i / RATE;
                // a slow swell and fade in each chord, so that the loop and the changes do not click
                double envelope = Math.sin(Math.PI * i / per);
                double v = 0;
                for (double hz : CHORDS[c]) {
                    v += Math.sin(2 * Math.PI * hz * t);
                }
                out[c * per + i] = (short) Math.round(LEVEL * envelope * v);
            }
        }
        return out;
    }

    /**
     * @return the samples of a WAV file of 16-bit PCM, mono, 8 kHz
     * @throws IllegalArgumentException naming what is wrong with the file and how to convert it
     */
    static short[] wav(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file " + file);
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16
                    || f.getChannels() != 1 || Math.round(f.getSampleRate()) != RATE) {
                throw new IllegalArgumentException(file + " is " + f + "; hold music is 16-bit PCM, mono, 8 kHz WAV "
                        + "(for example: sox in.wav -r 8000 -c 1 -b 16 music.wav)");
            }
            byte[] bytes = in.readAllBytes();
            ByteOrder order = f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
            short[] samples = new short[bytes.length / 2];
            b.asShortBuffer().get(samples);
            if (samples.length < HoldMusic.SAMPLES) {
                throw new IllegalArgumentException(file + " holds less than 20 ms of sound");
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a WAV file the server can read: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
