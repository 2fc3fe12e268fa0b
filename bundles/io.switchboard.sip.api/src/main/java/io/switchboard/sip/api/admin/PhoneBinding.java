package io.switchboard.sip.api.admin;

import java.time.Instant;

/**
 * One registrar binding of a user to a contact, as {@code GET /sip/registrations} lists it.
 *
 * @param q the contact's preference, or null
 * @param source the address the REGISTER came from (the phone's, behind an edge too)
 * @param instanceId the device's {@code +sip.instance}, or null
 * @param regId the flow's {@code reg-id} of RFC 5626 Outbound, or null
 * @param path the REGISTER's Path (RFC 3327), or null
 */
public record PhoneBinding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
        String source, String userAgent, Instant registered, String instanceId, Integer regId, String path) {
}
