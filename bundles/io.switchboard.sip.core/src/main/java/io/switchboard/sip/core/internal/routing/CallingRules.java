package io.switchboard.sip.core.internal.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;

/**
 * What a user may call out through the trunks: its class of service against the kind of number
 * (international, premium) that libphonenumber's plans say it is, and the destinations nobody may
 * call. Emergency numbers always pass. The reasons go into the decision, so that the simulator
 * shows them and a refused call's record names the rule.
 *
 * @param defaults the server's defaults, for users without their own setting
 * @param blocked E.164 prefixes nobody may call
 */
public record CallingRules(CallingPolicy defaults, List<String> blocked) {

    static final CallingRules NONE = new CallingRules(new CallingPolicy(CallClass.PREMIUM, 0, 0,
            MediaEncryption.OPTIONAL), List.of());

    /** @throws IllegalArgumentException naming the setting that is wrong */
    static CallingRules of(CallingSettings s) {
        CallClass callClass;
        try {
            callClass = CallClass.valueOf(s.callClass().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " callClass=" + s.callClass()
                    + ": internal, national, international or premium");
        }
        for (String prefix : s.blockedDestinations()) {
            if (!prefix.trim().matches("\\+?[0-9]{1,15}")) {
                throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " blockedDestinations "
                        + "entry '" + prefix + "': an E.164 prefix such as +882");
            }
        }
        if (s.maxCalls() < 0 || s.callsPerMinute() < 0) {
            throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " maxCalls=" + s.maxCalls()
                    + ", callsPerMinute=" + s.callsPerMinute() + ": 0 (no limit) or more");
        }
        MediaEncryption encryption;
        try {
            encryption = MediaEncryption.valueOf(s.mediaEncryption().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " mediaEncryption="
                    + s.mediaEncryption() + ": required, optional or off");
        }
        return new CallingRules(new CallingPolicy(callClass, s.maxCalls(), s.callsPerMinute(), encryption),
                List.of(s.blockedDestinations()).stream().map(String::trim)
                        .map(p -> p.startsWith("+") ? p : "+" + p).toList());
    }

    /**
     * @param policy the caller's own policy (null fields: the defaults)
     * @param info what the dialled number is, or null when the numbering service cannot tell
     * @return why the call is refused, or null when it may go; the reason for it is added to {@code why}
     */
    String refusal(String caller, CallingPolicy policy, String dialled, String e164, NumberInfo info, List<String> why) {
        if (info != null && info.emergency()) {
            why.add(dialled + " is an emergency number: always allowed");
            return null;
        }
        String number = e164 != null ? e164 : dialled;
        for (String prefix : blocked) {
            if (number.startsWith(prefix)) {
                return "Blocked destination: " + number + " starts with " + prefix + " (blockedDestinations)";
            }
        }
        CallClass allowed = policy.or(defaults).callClass();
        CallClass needed = info == null ? CallClass.NATIONAL : info.premium() ? CallClass.PREMIUM
                : info.international() ? CallClass.INTERNATIONAL : CallClass.NATIONAL;
        String kind = info == null ? "of no known kind" : (info.premium() ? "premium-rate" : info.international()
                ? "international" : "national") + " (" + (info.region() == null ? "" : info.region() + " ")
                + info.type() + ")";
        String who = caller == null || caller.isBlank() ? "the caller" : caller;
        if (allowed.ordinal() < needed.ordinal()) {
            return "Class of service: " + who + " may call " + describe(allowed) + "; " + number + " is " + kind;
        }
        why.add("class of service: " + who + " may call " + describe(allowed) + "; " + number + " is " + kind);
        return null;
    }

    private static String describe(CallClass c) {
        return switch (c) {
            case INTERNAL -> "other users and our numbers only";
            case NATIONAL -> "national numbers";
            case INTERNATIONAL -> "national and international numbers";
            case PREMIUM -> "any number, premium rate included";
        };
    }
}
