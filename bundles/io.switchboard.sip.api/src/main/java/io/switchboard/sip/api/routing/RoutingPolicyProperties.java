package io.switchboard.sip.api.routing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties of a {@link RoutingPolicy} component, for Declarative Services:
 * {@code @RoutingPolicyProperties(policy = "least-cost")} sets {@value RoutingPolicy#NAME}. Rank it with
 * {@code @ServiceRanking} or the {@code service.ranking} property.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RoutingPolicyProperties {

    /** Names the properties {@code switchboard.routing.*}. */
    String PREFIX_ = "switchboard.routing.";

    /** {@value RoutingPolicy#NAME}: the policy's name. */
    String policy();
}
