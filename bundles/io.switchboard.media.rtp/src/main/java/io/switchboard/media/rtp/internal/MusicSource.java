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

import io.switchboard.media.audio.Clip;

/** The hold music's samples: the built-in piece, or an admin's WAV file. */
final class MusicSource {

    static final int RATE = 8000;

    private MusicSource() {
    }

    /** The built-in loop of soft chords (media.audio's), at the relay's rate. */
    static short[] builtIn() {
        return Clip.music(RATE).samples();
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
