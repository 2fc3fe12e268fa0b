package io.switchboard.sip.handler.api;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

/**
 * How a request leaves for a peer.
 *
 * @param point the listening point it leaves from
 * @param transport udp, tcp or tls
 * @param host the switch's address as that peer reaches it, for Via, From and Contact
 */
public record Way(SipProvider provider, ListeningPoint point, String transport, String host) {
}
