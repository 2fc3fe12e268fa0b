package io.switchboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The E-model's landmarks as G.107 and G.113 give them. */
class EModelTest {

    @Test
    void rToMosAtTheLandmarksOfAnnexB() {
        assertEquals(4.41, EModel.mos(93.2), 0.005, "the default R of a perfect narrowband call");
        assertEquals(1.0, EModel.mos(0), 1e-9);
        assertEquals(1.0, EModel.mos(5), 1e-9, "never below 1");
        assertEquals(4.5, EModel.mos(100), 1e-9);
        assertEquals(3.6, EModel.mos(70), 0.05, "R 70: the lower edge of 'some users dissatisfied'");
    }

    @Test
    void aWorseCodecLossOrDelayScoresLower() {
        double clean = EModel.mos(Codec.PCMU, 0, 20);
        assertTrue(EModel.mos(Codec.of("G729", 8000), 0, 20) < clean, "G.729's Ie of 11");
        assertTrue(EModel.mos(Codec.PCMU, 1, 20) < clean);
        assertTrue(EModel.mos(Codec.PCMU, 1, 20) > EModel.mos(Codec.PCMU, 5, 20));
        assertTrue(EModel.mos(Codec.PCMU, 0, 400) < EModel.mos(Codec.PCMU, 0, 150) - 0.5,
                "past 177 ms one way each millisecond counts more");
    }
}
