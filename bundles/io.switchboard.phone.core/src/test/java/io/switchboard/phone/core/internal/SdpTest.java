package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.switchboard.phone.api.PhoneException;

/** What the engine accepts of an offer it answers for a service (voicemail): addresses, never names. */
class SdpTest {

    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 HOST\r\ns=-\r\nc=IN IP4 HOST\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n";

    @Test
    void onlyAddressesAreTaken() {
        assertTrue(Sdp.literalAddresses(OFFER.replace("HOST", "192.0.2.7")));
        assertTrue(Sdp.literalAddresses(OFFER.replace("IP4 HOST", "IP6 2001:db8::7")));
        assertFalse(Sdp.literalAddresses(OFFER.replace("HOST", "fuzz.invalid")), "a name is never looked up");
        assertFalse(Sdp.literalAddresses(OFFER.replace("c=IN IP4 HOST", "c=IN IP4")), "no address at all");
    }

    @Test
    void aMediaLegRefusesAnOfferWithAName() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThrows(PhoneException.class, () -> new MediaLegImpl(OFFER.replace("HOST", "fuzz.invalid"),
                    "127.0.0.1", null, (frame, rate) -> { }, null, digit -> { }, new Ticks(timer, 1), null));
            new MediaLegImpl(OFFER.replace("HOST", "127.0.0.1"), "127.0.0.1", null, (frame, rate) -> { }, null,
                    digit -> { }, new Ticks(timer, 1), null).close();
        } finally {
            timer.shutdownNow();
        }
    }
}
