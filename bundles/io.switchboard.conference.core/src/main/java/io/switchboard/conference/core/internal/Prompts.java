package io.switchboard.conference.core.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The bridge's spoken prompts, shipped as WAV files (16 kHz, 16-bit mono, spoken by CMU Flite's voice
 * slt) under {@code prompts/en/}, read once into samples.
 */
final class Prompts {

    final short[] pin = read("conf-pin");
    final short[] wrong = read("conf-wrong");
    final short[] waiting = read("conf-wait");

    private static short[] read(String name) {
        try (InputStream raw = Prompts.class.getResourceAsStream("/prompts/en/" + name + ".wav");
                AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            if (in.getFormat().getSampleRate() != 16000 || in.getFormat().getChannels() != 1
                    || in.getFormat().getSampleSizeInBits() != 16) {
                throw new IOException("not 16 kHz 16-bit mono: " + in.getFormat());
            }
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(samples);
            return samples;
        } catch (IOException | UnsupportedAudioFileException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("Prompt " + name + ": " + e.getMessage(), e));
        }
    }
}
