package io.switchboard.cdr.ui.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A call's recording read for the player: its samples as 16-bit PCM per channel (the relay writes the
 * caller left and the callee right), its length and each channel's level.
 */
final class Recording {

    private final AudioFormat format;
    private final byte[] pcm;
    private final short[][] channels;

    private Recording(AudioFormat format, byte[] pcm, short[][] channels) {
        this.format = format;
        this.pcm = pcm;
        this.channels = channels;
    }

    /** @throws IOException when the bytes are no WAV Java can read */
    static Recording of(byte[] wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat source = in.getFormat();
            AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), 16,
                    source.getChannels(), 2 * source.getChannels(), source.getSampleRate(), false);
            byte[] bytes;
            try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm16, in)) {
                bytes = decoded.readAllBytes();
            }
            int n = source.getChannels();
            short[][] channels = new short[n][bytes.length / (2 * n)];
            ByteBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < channels[0].length; i++) {
                for (int c = 0; c < n; c++) {
                    channels[c][i] = samples.getShort();
                }
            }
            return new Recording(pcm16, bytes, channels);
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException("not a WAV file the console can read: " + e.getMessage(), e);
        }
    }

    AudioFormat format() {
        return format;
    }

    /** @return a fresh stream of the samples, for a player */
    AudioInputStream stream() {
        return new AudioInputStream(new ByteArrayInputStream(pcm), format, channels[0].length);
    }

    int channelCount() {
        return channels.length;
    }

    short[] channel(int c) {
        return channels[c];
    }

    double seconds() {
        return channels[0].length / format.getSampleRate();
    }

    /** @return the channel's RMS level in dBFS, or negative infinity for silence */
    double levelDb(int c) {
        double sum = 0;
        for (short s : channels[c]) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / Math.max(1, channels[c].length)) / 32768.0;
        return 20 * Math.log10(rms);
    }
}
