package io.switchboard.sip.routing;

import org.osgi.service.component.annotations.Component;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.routing.RouteCheck;

/** The route table asks this before it stores a route: can the switch's routing follow it. */
@Component(service = RouteCheck.class)
public class RouteSyntax implements RouteCheck {

    @Override
    public void check(Route route) {
        Routing.check(route);
    }
}
