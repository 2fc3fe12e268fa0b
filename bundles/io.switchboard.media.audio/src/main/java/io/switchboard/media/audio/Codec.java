package io.switchboard.media.audio;

import java.util.Locale;

/**
 * An RTP payload format as SDP names it, with the figures the measurements need: its RTP clock
 * rate, and its E-model equipment impairment {@code ie} and packet-loss robustness {@code bpl}
 * (ITU-T G.113 Appendix I; codecs it does not list are taken as G.711 with concealment).
 */
public record Codec(String name, int clockRate, double ie, double bpl) {

    public static final Codec PCMU = new Codec("PCMU", 8000, 0, 25.1);
    public static final Codec PCMA = new Codec("PCMA", 8000, 0, 25.1);
    private static final String TELEPHONE_EVENT = "telephone-event";

    /** @return the codec of an rtpmap encoding name and clock rate (a static type's when rate is 0) */
    public static Codec of(String name, int rate) {
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "PCMU" -> PCMU;
            case "PCMA" -> PCMA;
            // RFC 3551: G.722's RTP clock is 8000 although it samples at 16 kHz.
            case "G722" -> new Codec("G722", 8000, 0, 25.1);
            case "G729" -> new Codec("G729", 8000, 11, 19);
            case "GSM" -> new Codec("GSM", 8000, 20, 10);
            case "OPUS" -> new Codec("opus", 48000, 0, 25.1);
            default -> new Codec(name, rate > 0 ? rate : 8000, 0, 25.1);
        };
    }

    /** Asked for every packet the relay measures: the length first, which tells an audio codec's name at once. */
    public boolean isTelephoneEvent() {
        return name.length() == TELEPHONE_EVENT.length() && name.equalsIgnoreCase(TELEPHONE_EVENT);
    }
}
