package io.switchboard.conference.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

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
}
