package io.switchboard.clicktocall.core.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.ActiveCall;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who placed each click-to-call call, so that an API token reads and ends only the calls it placed:
 * a CRM's token is for its own calls, not for every call of the switch. Accounts (operators and
 * admins) reach every call, as they do under {@code /sip/calls}. A call a token may not reach is
 * answered as one that is not in progress (404), so that a token learns nothing of other calls, not
 * even that they exist. Entries leave with their calls: each placement forgets those that ended.
 */
final class CallOwners {

    /** How the management context names a token's requests: an account's name never has a colon. */
    private static final String TOKEN_PRINCIPAL = "token:";

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** Remembers who placed the call, and forgets the calls no longer in progress. */
    void placed(String callId, HttpServletRequest request, Collection<ActiveCall> inProgress) {
        Set<String> live = inProgress.stream().map(ActiveCall::id).collect(Collectors.toSet());
        owners.keySet().retainAll(live);
        owners.put(callId, principal(request));
    }

    /** @return whether the request's principal may read or end the call: an account always, a token its own */
    boolean mayReach(HttpServletRequest request, String callId) {
        String who = principal(request);
        return !who.startsWith(TOKEN_PRINCIPAL) || who.equals(owners.get(callId));
    }

    /** Forgets a call that was hung up. */
    void ended(String callId) {
        owners.remove(callId);
    }

    private static String principal(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE));
    }
}
