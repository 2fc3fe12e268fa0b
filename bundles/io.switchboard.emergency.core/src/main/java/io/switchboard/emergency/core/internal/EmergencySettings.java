package io.switchboard.emergency.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@value #PID}: how an emergency call's location is found, and who takes it by value. */
@ObjectClassDefinition(name = "Switchboard emergency calls")
@interface EmergencySettings {

    String PID = "io.switchboard.emergency";

    @AttributeDefinition(name = "Resolution order", description = "Where an emergency call's location comes from, "
            + "first match wins: network (the subnet the phone's packets come from), user, number")
    String[] resolutionOrder() default { "network", "user", "number" };

    @AttributeDefinition(name = "Trunks that take the location", description = "Trunks sent the location by value "
            + "(RFC 6442: a Geolocation header and a PIDF-LO body); the others rely on the address the carrier has "
            + "on file for the callback number")
    String[] locationTrunks() default {};

    @AttributeDefinition(name = "Presence domain", description = "The domain of the PIDF-LO's entity (pres:USER@DOMAIN)")
    String domain() default "switchboard.invalid";
}
