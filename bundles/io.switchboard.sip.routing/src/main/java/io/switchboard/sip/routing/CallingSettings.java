package io.switchboard.sip.routing;

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

    @AttributeDefinition(name = "Calls to numbers not in service", description = "Where carriers' calls to a "
            + "number that is reserved, ordered, porting in, quarantined or released go: a call target that announces "
            + "it (or a user, a group); empty to answer 404")
    String inactiveNumberDestination() default "";

    @AttributeDefinition(name = "Emergency route", description = "The route whose trunks take emergency calls, in "
            + "order, whatever its pattern; without it, emergency numbers follow the route table like any number. "
            + "Emergency calls are never refused by class of service, calling limits, channel limits or lockouts")
    String emergencyRoute() default "emergency";

    @AttributeDefinition(name = "Outside-line prefixes", description = "Digits dialled before a number to get an "
            + "outside line (9 in North America): 9911 is taken as 911")
    String[] outsideLinePrefixes() default { "9" };

    @AttributeDefinition(name = "Emergency test numbers", description = "Numbers that check the caller's "
            + "emergency address without calling the emergency services (933 in the US)")
    String[] emergencyTestNumbers() default { "933" };

    @AttributeDefinition(name = "Number for urn:service:sos", description = "The emergency number sent for a "
            + "call to urn:service:sos (RFC 5031); empty for the country's (911 in North America, else 112)")
    String sosNumber() default "";

    @AttributeDefinition(name = "Emergency packets per minute from a locked-out address", description = "A "
            + "locked-out or flooding address still reaches emergency numbers, at this many packets a minute", min = "5")
    int emergencyPerMinute() default 30;
}
