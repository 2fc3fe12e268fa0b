package io.switchboard.media.audio;

/**
 * Mean opinion score from the ITU-T G.107 E-model with its default values (Ro - Is = 93.2, A = 0):
 * R = 93.2 - Id - Ie,eff, with Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl) for random
 * loss (BurstR = 1), and the delay impairment Id in the usual approximation of G.107's Idd
 * (0.024 Ta, plus 0.11 (Ta - 177.3) beyond 177.3 ms of one-way delay).
 */
public final class EModel {

    private EModel() {
    }

    /**
     * @param lossPercent packets lost, 0 to 100
     * @param oneWayDelayMs mouth-to-ear delay: half the round trip, the jitter buffer and packetization
     */
    public static double mos(Codec codec, double lossPercent, double oneWayDelayMs) {
        double ieEff = codec.ie() + (95 - codec.ie()) * lossPercent / (lossPercent + codec.bpl());
        double id = 0.024 * oneWayDelayMs + (oneWayDelayMs > 177.3 ? 0.11 * (oneWayDelayMs - 177.3) : 0);
        return mos(93.2 - id - ieEff);
    }

    /** G.107 Annex B: R to MOS. */
    public static double mos(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return Math.max(1.0, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }
}
