import java.util.Arrays;
import java.util.Locale;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.switchboard.media.audio.G722;

/**
 * A codec of the conference benchmark (ConferenceLoad.java): how a participant offers it, the tone
 * frames it sends, and one participant's decode and encode in the bare loop, each with its own coder
 * state as in the bridge (G.711 up to 16 kHz and back; G.722 and Opus at 16 kHz, Opus at the
 * complexity the phone engine uses).
 */
abstract class ConferenceCodec {

    final String name;
    final int payloadType;
    /** RTP timestamp units per 20 ms frame. */
    final int tsStep;
    final String rtpmap;

    ConferenceCodec(String name, int payloadType, int tsStep, String rtpmap) {
        this.name = name;
        this.payloadType = payloadType;
        this.tsStep = tsStep;
        this.rtpmap = rtpmap;
    }

    static ConferenceCodec of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pcmu", "g711" -> new Pcmu();
            case "g722" -> new G722Codec();
            case "opus" -> new Opus();
            default -> throw new IllegalArgumentException("codec pcmu, g722 or opus, not " + name);
        };
    }

    /** @return the SDP lines after the m= line's formats: rtpmap, fmtp */
    String attributes() {
        return "a=rtpmap:" + payloadType + " " + rtpmap + "\r\n";
    }

    /** @return a new participant's coder: it decodes what it gets to 16 kHz and encodes a 16 kHz frame */
    abstract Coder coder();

    /** @return 50 frames (a second) of a tone of {@code hz}, encoded */
    byte[][] tone(int hz, int amplitude) {
        Coder c = coder();
        byte[][] frames = new byte[50][];
        short[] wide = new short[320];
        for (int f = 0; f < 50; f++) {
            for (int i = 0; i < 320; i++) {
                wide[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * (f * 320 + i) / 16000.0));
            }
            frames[f] = c.encode(wide);
        }
        return frames;
    }

    interface Coder {
        /** Decodes a frame into {@code wide} (320 samples at 16 kHz). */
        void decode(byte[] frame, short[] wide);

        byte[] encode(short[] wide);
    }

    static final class Pcmu extends ConferenceCodec {
        Pcmu() {
            super("G.711", 0, 160, "PCMU/8000");
        }

        @Override
        Coder coder() {
            byte[] out = new byte[160];
            return new Coder() {
                @Override
                public void decode(byte[] frame, short[] wide) {
                    for (int i = 0; i < 160; i++) {
                        short s = ConferenceLoad.ulawToLinear(frame[i]);
                        short next = ConferenceLoad.ulawToLinear(frame[Math.min(i + 1, 159)]);
                        wide[2 * i] = s;
                        wide[2 * i + 1] = (short) ((s + next) / 2);
                    }
                }

                @Override
                public byte[] encode(short[] wide) {
                    for (int i = 0; i < 160; i++) {
                        out[i] = VoicemailLoad.linearToUlaw((short) ((wide[2 * i] + wide[2 * i + 1]) / 2));
                    }
                    return out.clone();
                }
            };
        }
    }

    static final class G722Codec extends ConferenceCodec {
        G722Codec() {
            super("G.722", 9, 160, "G722/8000");
        }

        @Override
        Coder coder() {
            G722 in = new G722();
            G722 out = new G722();
            return new Coder() {
                @Override
                public void decode(byte[] frame, short[] wide) {
                    System.arraycopy(in.decode(frame, 0, frame.length), 0, wide, 0, 320);
                }

                @Override
                public byte[] encode(short[] wide) {
                    return out.encode(wide);
                }
            };
        }
    }

    static final class Opus extends ConferenceCodec {
        Opus() {
            super("Opus", 111, 960, "opus/48000/2");
        }

        @Override
        String attributes() {
            return super.attributes() + "a=fmtp:111 maxplaybackrate=16000;sprop-maxcapturerate=16000\r\n";
        }

        @Override
        Coder coder() {
            try {
                OpusDecoder in = new OpusDecoder(16000, 1);
                OpusEncoder out = new OpusEncoder(16000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
                out.setComplexity(3);
                byte[] buf = new byte[1275];
                return new Coder() {
                    @Override
                    public void decode(byte[] frame, short[] wide) {
                        try {
                            in.decode(frame, 0, frame.length, wide, 0, 320, false);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public byte[] encode(short[] wide) {
                        try {
                            int n = out.encode(wide, 0, 320, buf, 0, buf.length);
                            return Arrays.copyOf(buf, n);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
