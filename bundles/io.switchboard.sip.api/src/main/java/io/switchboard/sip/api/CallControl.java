package io.switchboard.sip.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The calls in progress on this server, and hanging one up. Implemented by the softswitch; safe
 * from any thread.
 */
@ProviderType
public interface CallControl {

    /** @return the calls in progress, oldest first */
    List<ActiveCall> activeCalls();

    /**
     * Ends a call: BYE on both legs of an answered one, CANCEL and 480 while it rings.
     *
     * @param id the call's id, or the SIP Call-ID of either leg
     * @return false when no such call is in progress
     */
    boolean hangUp(String id);
}
