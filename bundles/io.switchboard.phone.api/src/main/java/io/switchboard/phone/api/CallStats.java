package io.switchboard.phone.api;

/**
 * What a call's audio looked like so far, on the receiving side unless named otherwise.
 *
 * @param codec the codec in use (PCMU, PCMA, G722, opus), null before the answer
 * @param packetsSent RTP packets sent
 * @param packetsReceived RTP packets received
 * @param lossPercent packets lost of those expected (RFC 3550), 0 to 100
 * @param jitterMs interarrival jitter (RFC 3550 A.8)
 * @param rttMs round-trip time from the far end's RTCP reports, null until one came
 * @param concealedPercent of the audio played, the share made up by packet-loss concealment
 * @param jitterBufferMs what the adaptive jitter buffer holds back now
 * @param mos ITU-T G.107 E-model MOS from loss, jitter buffer and delay
 */
public record CallStats(String codec, long packetsSent, long packetsReceived, double lossPercent, double jitterMs,
        Double rttMs, double concealedPercent, int jitterBufferMs, double mos) {

    public static final CallStats NONE = new CallStats(null, 0, 0, 0, 0, null, 0, 0, 0);
}
