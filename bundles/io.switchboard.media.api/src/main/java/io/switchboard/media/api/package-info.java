/**
 * Media anchoring: the relay that carries a call's RTP and RTCP through the switch, the session of
 * one call with its SDP rewriting, and the quality the relay measures on each direction.
 */
package io.switchboard.media.api;
