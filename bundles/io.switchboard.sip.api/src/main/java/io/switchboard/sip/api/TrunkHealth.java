package io.switchboard.sip.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The live state of the trunks. Changes of up and down are also posted as {@link SipEvents#TRUNK_UP}/{@link SipEvents#TRUNK_DOWN}. */
@ProviderType
public interface TrunkHealth {

    /** @return the state of every provisioned trunk, by name */
    List<TrunkState> states();

    Optional<TrunkState> state(String trunk);
}
