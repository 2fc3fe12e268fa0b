package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.api.Role;
import io.switchboard.mgmt.core.internal.TokenTable.Token;

class TokenScopeTest {

    @Test
    void eachScopeOpensItsOwnPathsAndMethodsOnly() {
        assertTrue(TokenScope.CDR_READ.allows("GET", "/cdr/records"));
        assertTrue(TokenScope.CDR_READ.allows("GET", "/cdr/records/42"));
        assertFalse(TokenScope.CDR_READ.allows("GET", "/cdr/records/42/recording"), "what was said is a scope apart");
        assertTrue(TokenScope.RECORDINGS_READ.allows("GET", "/cdr/records/42/recording"));
        assertFalse(TokenScope.RECORDINGS_READ.allows("GET", "/cdr/records"), "recordings only");
        assertFalse(TokenScope.CDR_READ.allows("POST", "/cdr/import"));
        assertFalse(TokenScope.CDR_READ.allows("GET", "/cdr/recordsx"), "a path's own segments only");
        assertFalse(TokenScope.CDR_READ.allows("GET", "/sip/users"));

        assertTrue(TokenScope.MESSAGES_READ.allows("GET", "/messages/7/body"));
        assertFalse(TokenScope.MESSAGES_READ.allows("DELETE", "/messages/7"));

        assertTrue(TokenScope.PROVISIONING.allows("PUT", "/sip/users/carol"));
        assertTrue(TokenScope.PROVISIONING.allows("DELETE", "/sip/numbers/+15550100"));
        assertFalse(TokenScope.PROVISIONING.allows("PUT", "/sip/trunks/carrier"), "trunks are the operators' own");

        assertFalse(TokenScope.WALLBOARD.allows("GET", "/queues"), "the queues' settings are not the wall's");
        assertTrue(TokenScope.WALLBOARD.allows("GET", "/queues/600/status"));
        assertFalse(TokenScope.WALLBOARD.allows("GET", "/queues/600"), "a queue's settings are not the wall's");
        assertFalse(TokenScope.WALLBOARD.allows("GET", "/queues/600/report"), "nor its past figures");
        assertFalse(TokenScope.WALLBOARD.allows("GET", "/queues/skills"));
        assertFalse(TokenScope.WALLBOARD.allows("PUT", "/queues/600/agents/alice"), "it changes nothing");
        assertFalse(TokenScope.WALLBOARD.allows("GET", "/cdr/records"));

        assertTrue(TokenScope.READ.allows("GET", "/sip/trunks"));
        assertFalse(TokenScope.READ.allows("GET", "/voicemail/messages/3/audio"));
        assertFalse(TokenScope.READ.allows("PUT", "/sip/trunks/x"));
        assertTrue(TokenScope.STATUS_READ.allows("GET", "/metrics"));
        assertFalse(TokenScope.STATUS_READ.allows("GET", "/cdr/records"));
    }

    @Test
    void noScopeReachesWhatNeedsAnAdmin() {
        for (TokenScope s : TokenScope.values()) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                for (String path : List.of("/accounts", "/accounts/admin", "/tokens", "/tokens/crm", "/audit",
                        "/webhooks/subscriptions")) {
                    assertFalse(s.allows(method, path), s.id() + " " + method + " " + path);
                }
            }
            assertFalse(s.allows("POST", "/cdr/retention"), s.id() + " deletes no call records");
        }
    }

    @Test
    void aTokenActsAsAnOperatorOnlyWhenAScopeChangesThings() {
        assertEquals(Role.VIEWER, ApiTokens.role(token(TokenScope.CDR_READ, TokenScope.STATUS_READ)));
        assertEquals(Role.OPERATOR, ApiTokens.role(token(TokenScope.CDR_READ, TokenScope.PROVISIONING)));
        assertTrue(ApiTokens.allows(token(TokenScope.CDR_READ, TokenScope.PROVISIONING), "PUT", "/sip/users/carol"));
        assertFalse(ApiTokens.allows(token(TokenScope.CDR_READ), "PUT", "/sip/users/carol"));
    }

    @Test
    void aRequestCarriesTheRoleOfTheScopesThatOpenItNotOfAllTheTokensScopes() {
        Token readAndCalls = token(TokenScope.READ, TokenScope.CALLS);
        // the second review's token: calls makes it an operator on /calls only
        assertEquals(Optional.of(Role.VIEWER), ApiTokens.role(readAndCalls, "GET", "/messages"));
        assertEquals(Optional.of(Role.VIEWER), ApiTokens.role(readAndCalls, "GET", "/cdr/records"));
        assertEquals(Optional.of(Role.VIEWER), ApiTokens.role(readAndCalls, "GET", "/cdr/export"));
        assertEquals(Optional.of(Role.OPERATOR), ApiTokens.role(readAndCalls, "POST", "/calls"));
        assertEquals(Optional.of(Role.OPERATOR), ApiTokens.role(readAndCalls, "GET", "/calls/c1"));
        assertEquals(Optional.empty(), ApiTokens.role(readAndCalls, "GET", "/messages/7/body"));
        Token provisioningAndCdr = token(TokenScope.PROVISIONING, TokenScope.CDR_READ, TokenScope.RECORDINGS_READ);
        assertEquals(Optional.of(Role.VIEWER), ApiTokens.role(provisioningAndCdr, "GET", "/cdr/records"),
                "recordings:read opens the recordings, not an operator's searches of the records");
        assertEquals(Optional.of(Role.OPERATOR), ApiTokens.role(provisioningAndCdr, "GET", "/cdr/records/4/recording"));
        assertEquals(Optional.of(Role.OPERATOR), ApiTokens.role(provisioningAndCdr, "GET", "/sip/users"));
        assertEquals(Optional.of(Role.OPERATOR), ApiTokens.role(token(TokenScope.MESSAGES_READ, TokenScope.READ),
                "GET", "/messages"), "messages:read is what opens the search of what messages say");
        assertEquals(Optional.empty(), ApiTokens.role(provisioningAndCdr, "GET", "/accounts"));
    }

    @Test
    void scopesAreNamedAndOnlyTokensAreTakenAsBearers() {
        assertEquals(TokenScope.CDR_READ, TokenScope.of(" CDR:read "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenScope.of("admin"));
        assertTrue(e.getMessage().contains("cdr:read") && e.getMessage().contains("'admin'"), e.getMessage());
        assertEquals("sbt_0123_abcd", ManagementContext.bearer("Bearer  sbt_0123_abcd"));
        assertNull(ManagementContext.bearer("Bearer eyJhbGciOi"), "another issuer's token is no token of ours");
        assertNull(ManagementContext.bearer("Basic YWRtaW46eA=="));
    }

    private static Token token(TokenScope... scopes) {
        return new Token("0123456789abcdef", "crm", List.of(scopes), "admin", OffsetDateTime.now(), null, null, null);
    }
}
