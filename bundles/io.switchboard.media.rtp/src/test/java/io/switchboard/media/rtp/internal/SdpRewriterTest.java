package io.switchboard.media.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.switchboard.media.api.MediaException;
import io.switchboard.media.audio.Codec;

/** SDP as phones send it, rewritten to go through the relay. */
class SdpRewriterTest {

    private static final String PHONE = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844527 IN IP4 192.168.1.20",
            "s=Talk",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=ice-ufrag:8hhY",
            "a=ice-pwd:asd88fgpdd777uzjYhagZg",
            "m=audio 7078 RTP/AVP 0 8 9 101",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=rtcp:7079",
            "a=candidate:1 1 UDP 2130706431 192.168.1.20 7078 typ host",
            "a=candidate:2 1 UDP 1694498815 203.0.113.7 40001 typ srflx raddr 192.168.1.20 rport 7078",
            "a=sendrecv",
            "m=video 9078 RTP/AVP 96",
            "c=IN IP4 192.168.1.20",
            "a=rtpmap:96 VP8/90000",
            "") ;

    private final InetSocketAddress relay;

    SdpRewriterTest() throws Exception {
        relay = new InetSocketAddress(InetAddress.getByName("198.51.100.5"), 30000);
    }

    @Test
    void srtpKeysPassUnchangedAndTheStreamIsMarkedEncrypted() throws Exception {
        String key = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
        String srtp = PHONE.replace("RTP/AVP 0 8 9 101", "RTP/SAVP 0 101").replace("a=rtcp:7079", "a=rtcp:7079\r\n" + key);
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(srtp.getBytes(StandardCharsets.UTF_8), relay, 30001);
        String out = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(out.contains("m=audio 30000 RTP/SAVP 0 101\r\n"), out);
        assertTrue(out.contains(key + "\r\n"), out);
        assertTrue(r.encrypted());
        assertFalse(SdpRewriter.rewrite(PHONE.getBytes(StandardCharsets.UTF_8), relay, 30001).encrypted());
    }

    @Test
    void audioGoesThroughTheRelayAndTheRestIsDeclined() throws Exception {
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(PHONE.getBytes(StandardCharsets.UTF_8), relay, 30001);
        String out = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(out.contains("\r\nc=IN IP4 198.51.100.5\r\n"), out);
        assertFalse(out.contains("192.168.1.20"), "no private address left: " + out);
        assertTrue(out.contains("\r\nm=audio 30000 RTP/AVP 0 8 9 101\r\n"), out);
        assertTrue(out.contains("\r\na=rtcp:30001\r\n"), out);
        assertTrue(out.contains("\r\nm=video 0 RTP/AVP 96\r\n"), "video declined: " + out);
        assertFalse(out.contains("candidate") || out.contains("ice-"), "ICE removed: " + out);
        assertTrue(out.contains("a=sendrecv") && out.contains("a=fmtp:101 0-15"), "the rest passes");
        assertTrue(out.endsWith("\r\n"));

        assertEquals("192.168.1.20", r.rtp().getHostString());
        assertEquals(7078, r.rtp().getPort());
        assertEquals(7079, r.rtcp().getPort());
        assertFalse(r.rtcpMux());
        assertEquals(Codec.PCMU, r.payloadTypes()[0]);
        assertEquals("PCMA", r.payloadTypes()[8].name());
        assertEquals("G722", r.payloadTypes()[9].name());
        assertTrue(r.payloadTypes()[101].isTelephoneEvent());
        assertEquals(null, r.payloadTypes()[96], "the declined stream's types are not measured");
    }

    @Test
    void everyStreamGetsPortsOfItsOwnWhenTheRelayHasThem() throws Exception {
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(PHONE.getBytes(StandardCharsets.UTF_8), relay.getAddress(),
                (index, kind) -> new SdpRewriter.Ports(30000 + 2 * index, 30001 + 2 * index));
        String out = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(out.contains("\r\nm=audio 30000 RTP/AVP 0 8 9 101\r\n"), out);
        assertTrue(out.contains("\r\nm=video 30002 RTP/AVP 96\r\nc=IN IP4 198.51.100.5\r\n"), out);
        assertFalse(out.contains("192.168.1.20"), "no private address left: " + out);
        assertEquals(2, r.media().size());
        SdpRewriter.Media video = r.media().get(1);
        assertEquals("video", video.kind());
        assertEquals(1, video.index());
        assertEquals(9078, video.rtp().getPort());
        assertEquals(9079, video.rtcp().getPort());
        assertEquals(90000, video.payloadTypes()[96].clockRate());
        assertEquals(null, r.payloadTypes()[96], "each stream has its own payload types");
        assertEquals(7078, r.rtp().getPort(), "the call's audio is still the first audio stream");
    }

    @Test
    void rtcpMuxAndOpusAndTheDefaultRtcpPort() throws Exception {
        String sdp = "v=0\nc=IN IP4 10.0.0.9\nt=0 0\nm=audio 4000 RTP/AVP 111\na=rtpmap:111 opus/48000/2\n"
                + "a=rtcp-mux\n";
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(sdp.getBytes(StandardCharsets.UTF_8), relay, 30001);
        assertTrue(r.rtcpMux());
        assertEquals(4000, r.rtcp().getPort(), "RTCP on the RTP port");
        assertEquals(48000, r.payloadTypes()[111].clockRate());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).startsWith("v=0\nc=IN IP4 198.51.100.5\n"),
                "the body keeps its line ends");

        String plain = "v=0\nc=IN IP4 10.0.0.9\nt=0 0\nm=audio 4000 RTP/AVP 0\n";
        assertEquals(4001, SdpRewriter.rewrite(plain.getBytes(StandardCharsets.UTF_8), relay, 30001).rtcp().getPort());
    }

    @Test
    void aHoldKeepsItsNullAddress() throws Exception {
        String hold = "v=0\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\na=sendonly\n";
        String out = new String(SdpRewriter.rewrite(hold.getBytes(StandardCharsets.UTF_8), relay, 30001).body(),
                StandardCharsets.UTF_8);
        assertTrue(out.contains("c=IN IP4 0.0.0.0"), out);
        assertTrue(out.contains("m=audio 30000 "), out);
    }

    @Test
    void bodiesItCannotCarrySayWhy() {
        assertEquals("The SDP offers no audio stream the relay can carry", assertThrows(MediaException.class,
                () -> SdpRewriter.rewrite("v=0\nc=IN IP4 10.0.0.9\nm=video 4000 RTP/AVP 96\n".getBytes(), relay, 1))
                .getMessage());
        assertEquals("The SDP names no connection address for its audio", assertThrows(MediaException.class,
                () -> SdpRewriter.rewrite("v=0\nm=audio 4000 RTP/AVP 0\n".getBytes(), relay, 1)).getMessage());
        assertEquals("Cannot read the port in 'm=audio x RTP/AVP 0'", assertThrows(MediaException.class,
                () -> SdpRewriter.rewrite("v=0\nc=IN IP4 10.0.0.9\nm=audio x RTP/AVP 0\n".getBytes(), relay, 1))
                .getMessage());
    }

    @Test
    void bareAttributesAreReadWithoutFailing() throws Exception {
        String bare = "v=0\nc=IN IP4 10.0.0.9\nm=audio 4000 RTP/AVP 0\na=rtpmap\na=rtpmap:\n";
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(bare.getBytes(StandardCharsets.UTF_8), relay, 30001);
        assertEquals(4000, r.rtp().getPort(), "a bare a=rtpmap names no type and changes nothing");
        assertEquals("Cannot read the port in 'a=rtcp'", assertThrows(MediaException.class,
                () -> SdpRewriter.rewrite("v=0\nc=IN IP4 10.0.0.9\nm=audio 4000 RTP/AVP 0\na=rtcp\n".getBytes(), relay,
                        1)).getMessage());
    }
}
