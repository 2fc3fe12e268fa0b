package io.switchboard.emergency.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The log of emergency calls, newest first. Implemented by {@code io.switchboard.emergency.core}. */
@ProviderType
public interface EmergencyCalls {

    /** @return the latest emergency calls, at most {@code limit} */
    List<EmergencyCall> latest(int limit);

    /** @return the emergency calls going on now */
    List<EmergencyCall> active();
}
