package io.switchboard.sip.core.internal.routing;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The defences against toll fraud, PID {@value #PID} ({@code etc/io.switchboard.sip.calling.cfg}):
 * the defaults of users' calling policies and the destinations nobody may call. Changed while the
 * switch runs, they apply from the next call.
 */
@ObjectClassDefinition(name = "Switchboard calling policy")
public @interface CallingSettings {

    String PID = "io.switchboard.sip.calling";

    @AttributeDefinition(name = "Default class of service", description = "What users without their own "
            + "setting may call through trunks: internal, national, international or premium")
    String callClass() default "national";

    @AttributeDefinition(name = "Calls through trunks at once, per user", description = "0 for no limit", min = "0")
    int maxCalls() default 4;

    @AttributeDefinition(name = "Calls through trunks per minute, per user", description = "0 for no limit",
            min = "0")
    int callsPerMinute() default 10;

    @AttributeDefinition(name = "Media encryption", description = "SRTP for users without their own setting: "
            + "required, optional or off. SDES keys travel only over TLS legs")
    String mediaEncryption() default "optional";

    @AttributeDefinition(name = "Blocked destinations", description = "E.164 prefixes nobody may call, whatever "
            + "their class of service (+882, +883, +979, +4487); emergency numbers are never blocked")
    String[] blockedDestinations() default {};
}
