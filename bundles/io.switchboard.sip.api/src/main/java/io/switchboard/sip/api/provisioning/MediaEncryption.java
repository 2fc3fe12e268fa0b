package io.switchboard.sip.api.provisioning;

/**
 * How a user's or a trunk's media must be protected: SDES-SRTP (RFC 4568), whose keys travel in
 * the SDP and so only over TLS. The switch relays SRTP as it comes; it never encrypts or decrypts.
 */
public enum MediaEncryption {
    /** Only encrypted media: an offer without keys, or a leg not reached over TLS, fails the call. */
    REQUIRED,
    /** Encrypted media where both ends and both legs allow it, plain media otherwise. */
    OPTIONAL,
    /** Plain media only: keys offered to it are taken out, a call that insists on them fails. */
    OFF
}
