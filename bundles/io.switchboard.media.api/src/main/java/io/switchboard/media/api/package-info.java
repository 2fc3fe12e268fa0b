/**
 * Media anchoring: the relay that carries a call's RTP and RTCP through the switch, the session of
 * one call with its SDP rewriting, and the quality the relay measures on each direction.
 */
@Version("1.4.0")
package io.switchboard.media.api;

import org.osgi.annotation.versioning.Version;
