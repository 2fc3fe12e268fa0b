package io.switchboard.sip.admin.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emergency.api.Assignment;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.routing.RoutingEngine;

/** Numbers as the API shows them: with their type (libphonenumber's reading) and their emergency location. */
final class NumberViews {

    private NumberViews() {
    }

    /** @return each number the emergency address book (null: not running) assigns a location to, with that location */
    static Map<String, String> locations(EmergencyLocations book) {
        return book == null ? Map.of() : book.assignments().stream()
                .filter(a -> Assignment.NUMBER.equals(a.kind()))
                .collect(Collectors.toMap(Assignment::key, Assignment::location));
    }

    static ObjectNode json(RoutingEngine routing, PhoneNumber n, Map<String, String> located) {
        ObjectNode o = SipServlet.JSON.valueToTree(n);
        o.put("type", NumbersReport.type(routing.describe(n.number())));
        o.put("emergencyLocation", located.get(n.number()));
        return o;
    }

    /** @return the numbers in the state and of the carrier asked for (null: any) */
    static List<PhoneNumber> filtered(List<PhoneNumber> all, String state, String carrier) {
        NumberState wanted = state == null || state.isBlank() ? null : NumberState.of(state);
        return all.stream().filter(n -> wanted == null || n.lifecycle().state() == wanted)
                .filter(n -> carrier == null || carrier.isBlank() || carrier.equals(n.lifecycle().carrier())).toList();
    }
}
