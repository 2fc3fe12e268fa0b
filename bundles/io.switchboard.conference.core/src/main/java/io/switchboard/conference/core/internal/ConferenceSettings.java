package io.switchboard.conference.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings {@value #PID}: the bridge's limits and the address of its media. */
@ObjectClassDefinition(name = "Switchboard conferences")
@interface ConferenceSettings {

    String PID = "io.switchboard.conference";

    @AttributeDefinition(name = "Participants per room", description = "The most in one room, unless the room "
            + "sets fewer: past it callers are refused with 486", min = "2")
    int maxParticipants() default 50;

    @AttributeDefinition(name = "Media address", description = "Address of the bridge's RTP ports as callers "
            + "(or the relay) reach it; empty: loopback for callers on this host, else the first IPv4 address")
    String address() default "";

    @AttributeDefinition(name = "Account of invitations", description = "The SIP user rooms call people out as: "
            + "made at the first invitation (its password set anew by each server then, never stored in clear); "
            + "the switch routes and limits its calls like any user's")
    String inviteUser() default "switchboard-conference";

    @AttributeDefinition(name = "Class of service of invitations", description = "Where rooms may call out, given "
            + "to the account when it is made (change it later like any user's)", options = {
                    @Option(label = "Internal", value = "INTERNAL"), @Option(label = "National", value = "NATIONAL"),
                    @Option(label = "International", value = "INTERNATIONAL") })
    String inviteClass() default "NATIONAL";

    @AttributeDefinition(name = "Switch address for invitations", description = "Where the rooms' phones reach "
            + "the switch")
    String sipHost() default "127.0.0.1";
}
