package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.PhoneException;

/** The machine's microphones and speakers through javax.sound.sampled, 16-bit mono at 8 or 16 kHz. */
final class Devices {

    private Devices() {
    }

    static List<String> names(Class<? extends DataLine> kind) {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(info).isLineSupported(new DataLine.Info(kind, format(8000)))) {
                names.add(info.getName());
            }
        }
        return names;
    }

    static AudioSource microphone(String name) {
        TargetDataLine line = (TargetDataLine) line(name, TargetDataLine.class);
        return (frame, sampleRate) -> {
            byte[] bytes = new byte[frame.length * 2];
            open(line, sampleRate);
            line.read(bytes, 0, Math.min(bytes.length, line.available()));
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
        };
    }

    static AudioSink speaker(String name) {
        SourceDataLine line = (SourceDataLine) line(name, SourceDataLine.class);
        return new AudioSink() {
            @Override
            public void write(short[] frame, int sampleRate) {
                open(line, sampleRate);
                byte[] bytes = new byte[frame.length * 2];
                for (int i = 0; i < frame.length; i++) {
                    bytes[2 * i] = (byte) frame[i];
                    bytes[2 * i + 1] = (byte) (frame[i] >> 8);
                }
                line.write(bytes, 0, Math.min(bytes.length, line.available()));
            }

            @Override
            public void close() {
                line.close();
            }
        };
    }

    private static DataLine line(String name, Class<? extends DataLine> kind) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name)) {
                try {
                    return (DataLine) AudioSystem.getMixer(info).getLine(new DataLine.Info(kind, format(8000)));
                } catch (LineUnavailableException | IllegalArgumentException e) {
                    throw new PhoneException("Audio device '" + name + "' cannot be used: " + e.getMessage(), e);
                }
            }
        }
        throw new PhoneException("No audio device '" + name + "'");
    }

    private static void open(DataLine line, int sampleRate) {
        if (line.isOpen() && line.getFormat().getSampleRate() == sampleRate) {
            return;
        }
        try {
            line.close();
            if (line instanceof TargetDataLine t) {
                t.open(format(sampleRate));
            } else {
                ((SourceDataLine) line).open(format(sampleRate));
            }
            line.start();
        } catch (LineUnavailableException e) {
            throw new PhoneException("Audio device busy: " + e.getMessage(), e);
        }
    }

    private static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }
}
