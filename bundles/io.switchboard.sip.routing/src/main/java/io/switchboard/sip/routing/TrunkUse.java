package io.switchboard.sip.routing;

import java.time.Instant;

import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.Trunk;

/** Whether a trunk can take a call: one rule for the routing's choice and the switch's own check. */
public final class TrunkUse {

    private TrunkUse() {
    }

    /**
     * @param s its live state, or null when the switch is not running (then only what is stored counts)
     * @param emergency whether the call is an emergency call, which channel limits never refuse
     * @return null when the trunk can take one more call at {@code now}, else why not
     */
    public static String unusable(Trunk t, TrunkState s, Instant now, boolean emergency) {
        if (!t.enabled()) {
            return "disabled";
        }
        if (s == null) {
            return null;
        }
        if (!s.up()) {
            return "down since " + s.since();
        }
        if (t.register() && (s.registeredUntil() == null || s.registeredUntil().isBefore(now))) {
            return "not registered (" + s.registration() + ")";
        }
        if (!emergency && t.maxChannels() > 0 && s.channels() >= t.maxChannels()) {
            return "all " + t.maxChannels() + " channels in use";
        }
        return null;
    }
}
