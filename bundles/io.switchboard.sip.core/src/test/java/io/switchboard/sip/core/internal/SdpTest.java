package io.switchboard.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
