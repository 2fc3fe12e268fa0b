package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.api.Role;

class PermissionsTest {

    @Test
    void readingIsForViewersButRecordingsAccountsAndTheAuditLog() {
        assertEquals(Role.VIEWER, Permissions.required("GET", "/sip/trunks"));
        assertEquals(Role.VIEWER, Permissions.required("GET", "/cdr/records/42"));
        assertEquals(Role.OPERATOR, Permissions.required("GET", "/cdr/records/42/recording"));
        assertEquals(Role.VIEWER, Permissions.required("GET", "/messages/42"));
        assertEquals(Role.OPERATOR, Permissions.required("GET", "/messages/42/body"), "what was written");
        assertEquals(Role.ADMIN, Permissions.required("GET", "/accounts"));
        assertEquals(Role.ADMIN, Permissions.required("GET", "/accounts/olga"));
        assertEquals(Role.ADMIN, Permissions.required("GET", "/audit"));
        assertEquals(Role.ADMIN, Permissions.required("GET", "/webhooks/subscriptions"), "where call data is sent");
        assertEquals(Role.ADMIN, Permissions.required("GET", "/webhooks/deliveries/7"), "what was sent");
        assertEquals(Role.OPERATOR, Permissions.required("PUT", "/webhooksx/y"), "only the webhooks' own path");
        assertEquals(Role.VIEWER, Permissions.required("POST", "/sip/routes/compare"), "computes, changes nothing");
    }

    @Test
    void changesNeedAnOperatorAndDeletingRecordsOrAccountsAnAdmin() {
        assertEquals(Role.OPERATOR, Permissions.required("PUT", "/sip/trunks/carrier-a"));
        assertEquals(Role.OPERATOR, Permissions.required("DELETE", "/sip/lockouts/source/203.0.113.9"));
        assertEquals(Role.OPERATOR, Permissions.required("POST", "/cdr/import"));
        assertEquals(Role.OPERATOR, Permissions.required("PUT", "/acme/plugin-resource"), "a plugin's too");
        assertEquals(Role.ADMIN, Permissions.required("POST", "/cdr/retention"));
        assertEquals(Role.ADMIN, Permissions.required("PUT", "/accounts/olga"));
        assertEquals(Role.ADMIN, Permissions.required("PUT", "/webhooks/subscriptions/crm"));
        assertEquals(Role.VIEWER, Permissions.required("PUT", "/account/password"), "one's own");
    }

    @Test
    void rolesCoverTheOnesBelowThem() {
        assertTrue(Role.ADMIN.covers(Role.OPERATOR));
        assertTrue(Role.OPERATOR.covers(Role.OPERATOR));
        assertFalse(Role.VIEWER.covers(Role.OPERATOR));
        assertEquals(Role.OPERATOR, Role.of(" Operator "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.of("root")).getMessage()
                .contains("admin, operator or viewer"));
    }

    @Test
    void secretsAreMaskedAtAnyDepthAndErrorsAreNoState() {
        String masked = AuditFilter.masked("{\"name\":\"carrier-a\",\"password\":\"s3cret\",\"hasSecret\":true,"
                + "\"auth\":{\"ha1Hash\":\"abc\",\"token\":null},\"list\":[{\"secret\":\"x\"}]}");
        assertFalse(masked.contains("s3cret") || masked.contains("abc") || masked.contains("\"x\""), masked);
        assertTrue(masked.contains("\"hasSecret\":true") && masked.contains("\"token\":null"), masked);
        assertTrue(masked.contains("carrier-a"), masked);
        assertNull(AuditFilter.masked("{\"status\":404,\"error\":\"No trunk 'x'\"}"));
        assertNull(AuditFilter.masked("not json"));
    }
}
