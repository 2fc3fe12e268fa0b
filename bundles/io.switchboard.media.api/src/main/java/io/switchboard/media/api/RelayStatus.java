package io.switchboard.media.api;

/**
 * The relay's figures: what an admin looks at to see whether media is flowing and whether the
 * port range is big enough.
 *
 * @param sessions calls whose media the relay carries now
 * @param portsInUse ports held by those sessions (RTP and RTCP)
 * @param portsTotal ports in the configured range
 * @param packetsIn packets received since the relay started
 * @param packetsOut packets sent on
 * @param packetsPerSecond packets received per second over the last few seconds
 * @param droppedStrangers packets dropped because they came from neither the signalled nor the latched address
 * @param droppedUnsent packets the relay could not send on (socket buffer full, peer unknown)
 * @param timeouts sessions ended by the media timeout
 */
public record RelayStatus(int sessions, int portsInUse, int portsTotal, long packetsIn, long packetsOut,
        double packetsPerSecond, long droppedStrangers, long droppedUnsent, long timeouts) {
}
