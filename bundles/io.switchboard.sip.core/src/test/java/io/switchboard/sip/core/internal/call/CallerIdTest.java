package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Trunk;

class CallerIdTest {

    private static Trunk trunk(String callerId) {
        return new Trunk("t", "127.0.0.1", 5060, "udp", null, false, false, 600, List.of(), callerId, true, List.of(),
                0, false, true, null, MediaEncryption.OPTIONAL);
    }

    private static CallingPolicy own(String number, String name, Boolean withhold) {
        return new CallingPolicy(null, null, null, null, number, name, withhold);
    }

    @Test
    void theUsersOwnCallerIdComesBeforeTheTrunksAndTheirNumber() {
        assertEquals(new CallerId("+442071110099", "Acme Sales", false), CallerId.toCarrier(trunk("+442071110000"),
                own("+442071110099", "Acme Sales", null), "+442071110001", "alice", "Alice", null));
        assertEquals(new CallerId("+442071110000", null, false), CallerId.toCarrier(trunk("+442071110000"),
                own(null, null, null), "+442071110001", "alice", "Alice", null), "the trunk's fixed number, no name");
        assertEquals(new CallerId("+442071110001", "Alice", false), CallerId.toCarrier(trunk(null),
                own(null, null, null), "+442071110001", "alice", "Alice", null), "the user's own number and name");
        assertEquals(new CallerId("+12125550100", "Caller", false), CallerId.toCarrier(trunk(null), null,
                "+12125550100", "12125550100", "Caller", null), "a carrier's caller forwarded out keeps its number");
    }

    @Test
    void withheldByTheUsersSettingTheirPhoneOrAnAnonymousCaller() {
        CallerId withheld = CallerId.toCarrier(trunk(null), own("+442071110099", "Acme", true), null, "bob", "Bob",
                null);
        assertTrue(withheld.withheld());
        assertEquals("+442071110099", withheld.number(), "still the number asserted to a trusted trunk");
        assertEquals(null, withheld.name());
        assertTrue(CallerId.toCarrier(trunk(null), own(null, null, null), null, "bob", null, "Privacy: id").withheld());
        assertTrue(CallerId.toCarrier(trunk(null), own(null, null, null), null, "bob", null, "Privacy: user;critical")
                .withheld());
        assertFalse(CallerId.toCarrier(trunk(null), own(null, null, null), null, "bob", null, "Privacy: none")
                .withheld());
        assertTrue(CallerId.toCarrier(trunk(null), null, null, "anonymous", null, null).withheld());
    }

    @Test
    void anonymousCallers() {
        assertTrue(CallerId.anonymous("anonymous", "anonymous.invalid", null));
        assertTrue(CallerId.anonymous("12125550100", "carrier", "Privacy: id"));
        assertTrue(CallerId.anonymous(null, "carrier", null), "no number at all");
        assertFalse(CallerId.anonymous("12125550100", "carrier", null));
    }

    @Test
    void badCallerIdsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> own("020 7111", null, null)).getMessage()
                .startsWith("Invalid callerIdNumber"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> own(null, "Acme \"Sales\"", null)).getMessage()
                .startsWith("Invalid callerIdName"));
    }
}
