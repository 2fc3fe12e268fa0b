package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The secrets the switch itself needs: a user's digest hash to check its phone's answer, a trunk's
 * password to answer the carrier's challenge. For the switch only: the management API, the shell and
 * plugins never show them.
 */
@ProviderType
public interface SipCredentials {

    /**
     * What a user's phone is checked against.
     *
     * @param algorithms the user's own algorithms, best first, or null for the server's setting
     */
    record Digest(String realm, String ha1Md5, String ha1Sha256, List<String> algorithms) {
        /** Never the hashes: a record's default text would put them in a log. */
        @Override
        public String toString() {
            return "Digest[realm=" + realm + ", algorithms=" + algorithms + "]";
        }
    }

    /** @return the credentials of an enabled user */
    Optional<Digest> digest(String user);

    /** @return the trunk's password, decrypted */
    Optional<String> trunkPassword(String trunk);
}
