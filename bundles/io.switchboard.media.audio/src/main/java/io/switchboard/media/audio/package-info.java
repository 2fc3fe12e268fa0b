/**
 * What the media relay and the phone engine share about RTP audio: G.711, the codecs' E-model
 * figures, the measurement of a stream (RFC 3550 loss and jitter, RFC 4733 events) and the MOS.
 * No threads, no sockets: the relay and the phone feed it packets.
 */
package io.switchboard.media.audio;
