package io.switchboard.sip.api.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a call goes, and the reasons, step by step.
 *
 * @param outcome what kind of destination, or why none
 * @param status the SIP status the caller gets when the call goes nowhere (403, 404, 503), else 0
 * @param destination the user ({@link Outcome#USER}) or call target ({@link Outcome#TARGET}), else null
 * @param did the number of the inventory the call came to, or null
 * @param route the outbound route that matched, or null
 * @param dialled what was dialled
 * @param e164 its E.164 form, or null when it has none
 * @param send the number sent to the trunk (after strip and prepend), or null
 * @param trunks the trunks of an outbound decision, in the order they are tried
 * @param reasons why, one line per step, in order
 * @param emergency whether what was dialled is an emergency call (or an emergency test number): features
 *            that place calls for a user (forwards, groups, the API) refuse such destinations (since 1.1)
 */
public record RouteDecision(Outcome outcome, int status, String destination, String did, String route,
        String dialled, String e164, String send, List<TrunkChoice> trunks, List<String> reasons, boolean emergency) {

    /** What a decision leads to. */
    public enum Outcome {
        /** To a local user's phones. */
        USER,
        /** To a destination served inside the server, a {@link io.switchboard.sip.api.calltarget.CallTarget}. */
        TARGET,
        /** Out through the trunks of a route. */
        TRUNKS,
        /** Nowhere: {@link RouteDecision#status()} says how the caller is answered. */
        REJECTED
    }

    public RouteDecision {
        trunks = List.copyOf(trunks);
        reasons = List.copyOf(reasons);
    }

    /** A decision for a number that is no emergency call (the record of version 1.0). */
    public RouteDecision(Outcome outcome, int status, String destination, String did, String route, String dialled,
            String e164, String send, List<TrunkChoice> trunks, List<String> reasons) {
        this(outcome, status, destination, did, route, dialled, e164, send, trunks, reasons, false);
    }

    /** @return whether any trunk can take the call now */
    public boolean hasUsableTrunk() {
        return trunks.stream().anyMatch(TrunkChoice::usable);
    }

    /**
     * What a policy returns to change the trunks: the same decision with other trunks (reordered,
     * narrowed or marked unusable) and its reason added.
     */
    public RouteDecision withTrunks(List<TrunkChoice> newTrunks, String reason) {
        return new RouteDecision(outcome, status, destination, did, route, dialled, e164, send, newTrunks,
                append(reason), emergency);
    }

    /** What a policy returns to refuse the call, for example a destination it blocks. */
    public RouteDecision rejected(int sipStatus, String reason) {
        return new RouteDecision(Outcome.REJECTED, sipStatus, null, did, route, dialled, e164, null, List.of(),
                append(reason), emergency);
    }

    private List<String> append(String reason) {
        List<String> all = new ArrayList<>(reasons);
        all.add(reason);
        return all;
    }
}
