package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SdpTest {

    @Test
    void firstAudioCodecFromRtpmapOrStaticType() {
        String dynamic = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 96 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:96 opus/48000/2\r\n";
        assertEquals("opus", Sdp.firstCodec(bytes(dynamic)));
        assertEquals("PCMA", Sdp.firstCodec(bytes("v=0\nm=audio 4000 RTP/AVP 8 0\n")));
        assertEquals("G729", Sdp.firstCodec(bytes("v=0\nm=video 5000 RTP/AVP 99\nm=audio 4000 RTP/AVP 18\n")));
        assertNull(Sdp.firstCodec(bytes("v=0\nm=audio 4000 RTP/AVP 97\nm=video 1 RTP/AVP 97\na=rtpmap:97 H264/90000\n")),
                "a dynamic type without its rtpmap in the audio section");
        assertNull(Sdp.firstCodec(null));
        assertNull(Sdp.firstCodec(bytes("m=audio 4000\n")));
    }

    @Test
    void offerIsFilteredToTheTrunksCodecsInItsOrder() {
        String offer = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0 8 18 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n";
        String filtered = new String(Sdp.filter(bytes(offer), List.of("G729", "PCMA")), StandardCharsets.UTF_8);
        assertEquals("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 18 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n", filtered);
        assertNull(Sdp.filter(bytes(offer), List.of("opus")), "nothing the trunk takes");
        assertEquals(offer, new String(Sdp.filter(bytes(offer), List.of()), StandardCharsets.UTF_8));
    }

    @Test
    void anAnchoredTargetIsOfferedG711AloneWhenTheCallerHasIt() {
        String opusFirst = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 96 9 0 101\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        assertEquals("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n", new String(CallToTarget.handable(bytes(opusFirst)),
                        StandardCharsets.UTF_8), "any phone the caller is handed to speaks G.711");
        String opusOnly = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n";
        assertEquals(opusOnly, new String(CallToTarget.handable(bytes(opusOnly)), StandardCharsets.UTF_8),
                "a caller without G.711 keeps its offer");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
