package io.switchboard.sip.core.internal.call;

import java.util.Locale;

import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.Trunk;

/**
 * The caller ID a call shows a carrier: the number and name in From, whether it is withheld (RFC
 * 3323 Privacy: id, From anonymous), and the identity asserted in P-Asserted-Identity, which only
 * trunks trusted with it ({@link Trunk#pai()}) get: the asserted number never leaves the trust domain
 * otherwise.
 *
 * @param number the number the carrier bills and, unless withheld, shows
 * @param name the name to show, or null
 * @param withheld whether the number is withheld from the callee
 */
record CallerId(String number, String name, boolean withheld) {

    /**
     * @param trunk the carrier's trunk
     * @param own the calling user's policy, or null when the caller is no user of ours (a carrier's
     *            caller forwarded back out keeps its own number)
     * @param callerE164 the caller's own number in E.164 (its DID, or the carrier's caller), or null
     * @param caller the caller's user name or number as it came
     * @param callerName the name the caller's phone or carrier sent, or null
     * @param privacy the Privacy header the caller sent, or null
     */
    static CallerId toCarrier(Trunk trunk, CallingPolicy own, String callerE164, String caller, String callerName,
            String privacy) {
        String number = own != null && own.callerIdNumber() != null ? own.callerIdNumber()
                : trunk.callerId() != null ? trunk.callerId() : callerE164 != null ? callerE164 : caller;
        String name = own != null && own.callerIdName() != null ? own.callerIdName()
                : trunk.callerId() == null ? callerName : null;
        boolean withheld = asksPrivacy(privacy) || "anonymous".equalsIgnoreCase(caller)
                || own != null && Boolean.TRUE.equals(own.withholdCallerId());
        return new CallerId(number, withheld ? null : name, withheld);
    }

    /** @return whether a Privacy header asks for the caller's identity to be withheld (id, or user/header) */
    static boolean asksPrivacy(String privacy) {
        if (privacy == null) {
            return false;
        }
        for (String value : privacy.toLowerCase(Locale.ROOT).split("[;,\\s]+")) {
            if (value.equals("id") || value.equals("user") || value.equals("header")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param fromUser the user part of From
     * @param fromHost the host of From
     * @param privacy the Privacy header, or null
     * @return whether a call comes without a caller ID the callee may see (RFC 3323, RFC 5079)
     */
    static boolean anonymous(String fromUser, String fromHost, String privacy) {
        return asksPrivacy(privacy) || fromUser == null || fromUser.isBlank()
                || fromUser.toLowerCase(Locale.ROOT).startsWith("anonymous")
                || fromHost != null && fromHost.toLowerCase(Locale.ROOT).equals("anonymous.invalid");
    }
}
