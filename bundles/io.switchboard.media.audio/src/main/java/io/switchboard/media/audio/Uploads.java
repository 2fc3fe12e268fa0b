package io.switchboard.media.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An admin's uploaded WAV (a prompt, a piece of hold music) made 16-bit mono at its own rate, with the JDK's
 * audio converters.
 *
 * @since 1.6
 */
public final class Uploads {

    private Uploads() {
    }

    /**
     * @param wav the file's bytes: PCM, mono or stereo, 8 to 48 kHz
     * @param maxBytes the most the file may have
     * @throws IllegalArgumentException naming what the server cannot play and how to convert it
     */
    public static Clip mono(byte[] wav, int maxBytes) throws IOException {
        if (wav.length == 0) {
            throw new IllegalArgumentException("no audio in the body: send the WAV file itself (audio/wav)");
        }
        if (wav.length > maxBytes) {
            throw new IllegalArgumentException("the file has " + wav.length + " bytes, more than the " + maxBytes
                    + " it may have");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(
                new ByteArrayInputStream(wav)))) {
            AudioFormat f = in.getFormat();
            boolean linear = f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED
                    || f.getEncoding() == AudioFormat.Encoding.PCM_UNSIGNED;
            if (!linear || f.getChannels() < 1 || f.getChannels() > 2 || f.getSampleRate() < 8000
                    || f.getSampleRate() > 48000) {
                throw new IllegalArgumentException("the file is " + f + "; the server plays a WAV of PCM, mono or "
                        + "stereo, 8 to 48 kHz (for example: sox in.mp3 -r 16000 -c 1 -b 16 out.wav)");
            }
            AudioFormat target = new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false);
            try (AudioInputStream pcm = AudioSystem.getAudioInputStream(target, in)) {
                short[] samples = downmix(pcm.readAllBytes(), f.getChannels());
                if (samples.length < f.getSampleRate() / 10) {
                    throw new IllegalArgumentException("the file holds less than a tenth of a second of sound");
                }
                return new Clip(samples, Math.round(f.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("not a WAV file the server can read: " + e.getMessage());
        }
    }

    private static short[] downmix(byte[] bytes, int channels) {
        short[] samples = new short[bytes.length / 2 / channels];
        for (int i = 0; i < samples.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                sum += (short) ((bytes[at] & 0xff) | bytes[at + 1] << 8);
            }
            samples[i] = (short) (sum / channels);
        }
        return samples;
    }
}
