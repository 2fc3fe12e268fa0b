package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A pickup's two offers answered with each other's streams, as baresip and linphone write them. */
class SdpJoinTest {

    private static final String BARESIP = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-",
            "c=IN IP4 10.0.0.1", "t=0 0", "m=audio 10002 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=sendrecv",
            "a=ptime:20", "m=video 10004 RTP/AVP 96", "a=rtpmap:96 H264/90000", "");
    private static final String LINPHONE = String.join("\r\n", "v=0", "o=carol 7 9 IN IP4 10.0.0.2", "s=Talk",
            "c=IN IP4 10.0.0.2", "t=0 0", "m=audio 42614 RTP/AVP 96 97 0 8 100 101", "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 useinbandfec=1", "a=rtpmap:97 speex/16000", "a=rtpmap:100 telephone-event/16000",
            "a=rtpmap:101 telephone-event/8000", "a=rtcp-fb:* trr-int 1000", "a=candidate:1 1 UDP 1 10.0.0.2 42614 typ host", "");

    @Test
    void eachGetsTheOthersAddressAndTheFormatsBothNameAlike() throws Exception {
        String toCaller = join(BARESIP, LINPHONE);
        assertTrue(toCaller.contains("c=IN IP4 10.0.0.2"), toCaller);
        assertTrue(toCaller.contains("m=audio 42614 RTP/AVP 0 8 101"), "static types by number match rtpmap'd ones: " + toCaller);
        assertTrue(toCaller.contains("m=video 0 RTP/AVP 96"), "a stream the other lacks is declined: " + toCaller);
        assertFalse(toCaller.contains("opus") || toCaller.contains("candidate") || toCaller.contains("rtcp-fb"),
                "only what the offer can take: " + toCaller);

        String toPicker = join(LINPHONE, BARESIP);
        assertTrue(toPicker.contains("m=audio 10002 RTP/AVP 0 8 101"), toPicker);
        assertTrue(toPicker.contains("c=IN IP4 10.0.0.1") && toPicker.contains("a=rtpmap:101 telephone-event/8000"),
                toPicker);
        assertFalse(toPicker.contains("m=video"), "no stream the picker did not offer: " + toPicker);
    }

    @Test
    void aPayloadNumberThatMeansAnotherCodecIsLeftOut() throws Exception {
        String other = LINPHONE.replace("RTP/AVP 96 97 0 8 100 101", "RTP/AVP 101 96").replace(
                "a=rtpmap:101 telephone-event/8000", "a=rtpmap:101 G726-32/8000");
        assertNull(SdpJoin.answer(bytes(BARESIP), bytes(other)), "no voice format means alike on both sides");
    }

    @Test
    void srtpTakesTheOthersKeyUnderTheOffersTag() throws Exception {
        String offer = BARESIP.replace("RTP/AVP 0 8 101", "RTP/SAVP 0")
                .replace("a=ptime:20", "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:AAAA");
        String other = LINPHONE.replace("RTP/AVP 96 97 0 8 100 101", "RTP/SAVP 0")
                .replace("a=rtcp-fb:* trr-int 1000", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:BBBB");
        String answer = join(offer, other);
        assertTrue(answer.contains("a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:BBBB"), answer);
        assertNull(SdpJoin.answer(bytes(offer), bytes(LINPHONE)), "plain RTP cannot answer SRTP");
    }

    private static String join(String offer, String other) throws Exception {
        return new String(SdpJoin.answer(bytes(offer), bytes(other)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
