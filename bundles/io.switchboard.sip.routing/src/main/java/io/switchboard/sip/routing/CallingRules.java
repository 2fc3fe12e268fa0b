package io.switchboard.sip.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Route;

/**
 * What a user may call out through the trunks: its class of service against the kind of number
 * (international, premium) that libphonenumber's plans say the number sent to the trunk is, and the
 * destinations nobody may call. A number the plans cannot classify needs the highest class; one with
 * no E.164 form leaves only where its route allows it. An emergency number that reaches these rules was not
 * dialled as one (a route's prepend made it) and is refused. The reasons go into the decision, so that the simulator
 * shows them and a refused call's record names the rule.
 *
 * @param defaults the server's defaults, for users without their own setting
 * @param blocked E.164 prefixes nobody may call
 * @param inactiveNumbers where calls to numbers not in service go, or null to answer 404
 */
public record CallingRules(CallingPolicy defaults, List<String> blocked, String inactiveNumbers) {

    public CallingRules(CallingPolicy defaults, List<String> blocked) {
        this(defaults, blocked, null);
    }

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
        String inactive = s.inactiveNumberDestination() == null ? "" : s.inactiveNumberDestination().trim();
        return new CallingRules(new CallingPolicy(callClass, s.maxCalls(), s.callsPerMinute(), encryption),
                List.of(s.blockedDestinations()).stream().map(String::trim)
                        .map(p -> p.startsWith("+") ? p : "+" + p).toList(), inactive.isEmpty() ? null : inactive);
    }

    /**
     * Judges the number that leaves on the trunk, after the route's strip and prepend, since that is
     * what the carrier connects and bills, never the switch's own reading of what was dialled.
     *
     * @param policy the caller's own policy (null fields: the defaults)
     * @param dialledE164 what was dialled, in E.164 form, or null
     * @param sent the number the route sends to the trunk
     * @param sentE164 that number in E.164 form, or null when it has none
     * @param info what the sent number is, or null when the numbering service cannot tell
     * @param route the route, whose {@code rawDialClass} may let numbers with no E.164 form out
     * @return why the call is refused, or null when it may go; the reason for it is added to {@code why}
     */
    String refusal(String caller, CallingPolicy policy, String dialledE164, String sent, String sentE164,
            NumberInfo info, Route route, List<String> why) {
        if (info != null && info.emergency()) {
            // emergency calls are recognised as dialled and routed before this; one that gets here would leave
            // as an ordinary call, past class of service, with no location and no alert
            return "Number sent " + sent + " is an emergency number but was not dialled as one: dial it as it is";
        }
        for (String number : new String[] { sentE164, dialledE164, digits(sent) }) {
            for (String prefix : blocked) {
                if (number != null && number.startsWith(prefix)) {
                    return "Blocked destination: " + number + " starts with " + prefix + " (blockedDestinations)";
                }
            }
        }
        CallClass allowed = policy.or(defaults).callClass();
        String who = caller == null || caller.isBlank() ? "the caller" : caller;
        if (sentE164 == null) {
            if (info != null && info.premium() && allowed.ordinal() < CallClass.PREMIUM.ordinal()) {
                // a premium short code costs the same whatever a route's rawDialClass lets out
                return "Class of service: " + who + " may call " + describe(allowed) + "; " + sent
                        + " is a premium-rate short code";
            }
            CallClass raw = route == null ? null : route.rawDialClass();
            String routeName = route == null ? "the route" : "route " + route.name();
            if (raw == null || allowed.ordinal() < raw.ordinal()) {
                return "Number sent " + sent + " has no E.164 form: " + routeName + (raw == null
                        ? " sends such numbers for no class of service (rawDialClass)"
                        : " sends such numbers only for callers who may call " + describe(raw) + " (rawDialClass)");
            }
            why.add("class of service: " + who + " may call " + describe(allowed) + "; " + sent + " has no E.164 form, "
                    + "which " + routeName + " sends for callers who may call " + describe(raw));
            return null;
        }
        boolean unknown = info == null || "UNKNOWN".equals(info.type());
        // a number the switch cannot classify could be anything a carrier bills: the most restrictive class
        CallClass needed = unknown || info.premium() ? CallClass.PREMIUM
                : info.international() ? CallClass.INTERNATIONAL : CallClass.NATIONAL;
        String kind = unknown ? "of no known kind (judged as premium rate)"
                : (info.premium() ? "premium-rate" : info.international() ? "international" : "national") + " ("
                        + (info.region() == null ? "" : info.region() + " ") + info.type() + ")";
        if (allowed.ordinal() < needed.ordinal()) {
            return "Class of service: " + who + " may call " + describe(allowed) + "; " + sentE164 + " is " + kind;
        }
        why.add("class of service: " + who + " may call " + describe(allowed) + "; " + sentE164 + " is " + kind);
        return null;
    }

    /** @return the sent number's digits with a leading + (for the blocklist), or null when it has none */
    private static String digits(String sent) {
        String d = sent == null ? "" : sent.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : "+" + d.replaceFirst("^(00|011)", "");
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
