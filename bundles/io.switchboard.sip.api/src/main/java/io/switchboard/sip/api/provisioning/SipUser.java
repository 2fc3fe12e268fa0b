package io.switchboard.sip.api.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * A SIP user (an extension), as admins see it: never its password or a digest hash.
 *
 * @param username the user part of its address, also its digest user name
 * @param displayName shown to callees, or null
 * @param enabled a disabled user can neither register nor call
 * @param created when it was created (ignored on save)
 * @param algorithms the digest algorithms its phone is challenged with, best first ("SHA-256", "MD5"),
 *            or null for the server's setting
 * @param version raised by each change of the user or its calling policy, 0 for a user not stored yet (since 1.8)
 */
public record SipUser(String username, String displayName, boolean enabled, Instant created, List<String> algorithms,
        long version) {

    /** A user not stored yet, or whose version is not known (the record of version 1.7). */
    public SipUser(String username, String displayName, boolean enabled, Instant created, List<String> algorithms) {
        this(username, displayName, enabled, created, algorithms, 0);
    }
}
