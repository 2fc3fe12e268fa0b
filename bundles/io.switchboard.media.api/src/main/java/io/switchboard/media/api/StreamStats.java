package io.switchboard.media.api;

/**
 * What the relay measured on the packets one leg sent it: one direction of a call.
 *
 * @param codec the encoding of the stream's audio payload type, such as PCMU, or null before the first packet
 * @param packets RTP packets received
 * @param expected packets the sequence numbers say were sent (RFC 3550 A.3)
 * @param lost packets expected and never received (never negative: duplicates do not make up for losses)
 * @param jitterMs RFC 3550 interarrival jitter in milliseconds
 * @param rttMs round-trip time from RTCP SR/RR (LSR/DLSR), null when the endpoint sends none
 * @param mos ITU-T G.107 E-model mean opinion score for the codec, loss and delay, null before any packet
 * @param dtmfEvents RFC 4733 telephone-events seen (each event once, however often it is repeated)
 */
public record StreamStats(String codec, long packets, long expected, long lost, double jitterMs, Double rttMs,
        Double mos, long dtmfEvents) {

    /** Nothing received yet. */
    public static final StreamStats NONE = new StreamStats(null, 0, 0, 0, 0, null, null, 0);

    /** @return lost packets in percent of those expected, 0 when none were expected */
    public double lossPercent() {
        return expected <= 0 ? 0 : 100.0 * lost / expected;
    }
}
