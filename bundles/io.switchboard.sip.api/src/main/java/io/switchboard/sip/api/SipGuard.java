package io.switchboard.sip.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The switch's defence against password guessing and floods: what it refuses now, and the admin's
 * way to lift it. Lockouts begin and end with {@link SipEvents#LOCKED} and {@link SipEvents#UNLOCKED};
 * trusted networks and trunk addresses are never locked out.
 */
@ProviderType
public interface SipGuard {

    /** @return the lockouts in force, oldest first */
    List<Lockout> lockouts();

    /**
     * Lifts a lockout now; its failures are forgotten.
     *
     * @param kind {@link Lockout#SOURCE}, {@link Lockout#USER} or {@link Lockout#FLOOD}
     * @return false when there was no such lockout
     */
    boolean lift(String kind, String key);

    /** @return the networks never locked out, as the settings name them (CIDR), trunks' addresses aside */
    List<String> trustedNetworks();
}
