package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.api.ApiRoute;

class ApiRouteTest {

    private static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /sip/numbers"),
            ApiRoute.of("POST /sip/numbers/import"), ApiRoute.of("PUT /sip/numbers/{number}"),
            ApiRoute.of("DELETE /sip/numbers/{number}"));

    @Test
    void templatesMatchOneSegmentPerParameterAndLiteralsWin() {
        assertEquals(List.of("DELETE", "PUT"), ApiRoute.allowed(ROUTES, "/sip/numbers/+442071110002"));
        assertEquals(List.of("POST"), ApiRoute.allowed(ROUTES, "/sip/numbers/import"));
        assertEquals(List.of("GET"), ApiRoute.allowed(ROUTES, "/sip/numbers"));
        assertEquals(List.of(), ApiRoute.allowed(ROUTES, "/sip/numbers/"), "an empty parameter is no parameter");
        assertEquals(List.of(), ApiRoute.allowed(ROUTES, "/sip/numbers/a/b"));
    }

    @Test
    void refusalsSayWhatIsAllowed() {
        assertNull(ApiRoute.check(ROUTES, "/sip/numbers", "GET"));
        ApiRoute.Refusal wrongMethod = ApiRoute.check(ROUTES, "/sip/numbers", "POST");
        assertEquals(405, wrongMethod.status());
        assertEquals("GET", wrongMethod.allow());
        ApiRoute.Refusal nothing = ApiRoute.check(ROUTES, "/sip/nope", "GET");
        assertEquals(404, nothing.status());
        assertNull(nothing.allow());
    }
}
