package io.switchboard.phone.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.PhoneException;

/** WAV files through javax.sound.sampled: a looping player and a recorder, 16-bit mono PCM. */
final class WavFiles {

    private WavFiles() {
    }

    /** Plays the file over and over, resampled by picking the nearest sample when rates differ. */
    static AudioSource player(Path wav) {
        short[] samples;
        float rate;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new PhoneException(wav + " is not 16-bit mono PCM: " + f);
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes())
                    .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            samples = new short[b.remaining() / 2];
            b.asShortBuffer().get(samples);
            rate = f.getSampleRate();
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new PhoneException("Cannot read " + wav + ": " + e.getMessage(), e);
        }
        if (samples.length == 0) {
            throw new PhoneException(wav + " holds no audio");
        }
        double[] position = { 0 };
        return (frame, sampleRate) -> {
            synchronized (position) {
                double step = rate / sampleRate;
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = samples[(int) position[0] % samples.length];
                    position[0] = (position[0] + step) % samples.length;
                }
            }
        };
    }

    /** Keeps what it hears in memory and writes the file when closed (at the call's end). */
    static AudioSink recorder(Path wav) {
        return new AudioSink() {
            private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            private int rate = 8000;

            @Override
            public synchronized void write(short[] frame, int sampleRate) {
                rate = sampleRate;
                for (short s : frame) {
                    pcm.write(s & 0xFF);
                    pcm.write((s >> 8) & 0xFF);
                }
            }

            @Override
            public synchronized void close() {
                byte[] bytes = pcm.toByteArray();
                AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
                try (InputStream in = new ByteArrayInputStream(bytes);
                        AudioInputStream audio = new AudioInputStream(in, f, bytes.length / 2)) {
                    Files.createDirectories(wav.toAbsolutePath().getParent());
                    AudioSystem.write(audio, AudioFileFormat.Type.WAVE, wav.toFile());
                } catch (IOException e) {
                    throw new PhoneException("Cannot write " + wav + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
