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

    @AttributeDefinition(name = "Media timeout (s)", description = "A participant whose phone sends no audio for "
            + "this long is taken out of the room and the call ended, as the relay ends a call; a phone on hold "
            + "(a=inactive or recvonly) is left alone. 0: never", min = "0")
    int mediaTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Wrong PINs per caller", description = "Wrong PINs from one source (the address "
            + "a user's call comes from; the trunk and number of a call from a trunk) within the window, in any "
            + "room, after which PIN entry is closed to that source, the right PIN refused too", min = "1")
    int pinFailuresPerSource() default 5;

    @AttributeDefinition(name = "Wrong PINs per room", description = "Wrong PINs in one room within the window, "
            + "from anywhere, after which its PIN entry is closed to callers from trunks; the switch's own users "
            + "still enter", min = "1")
    int pinFailuresPerRoom() default 10;

    @AttributeDefinition(name = "Window of wrong PINs (s)", min = "1")
    int pinWindowSeconds() default 600;

    @AttributeDefinition(name = "PIN lockout (s)", description = "How long PIN entry stays closed; it opens on its "
            + "own, or when the admin lifts it", min = "1")
    int pinLockoutSeconds() default 900;

    @AttributeDefinition(name = "Roster watchers", description = "Users whose phones may watch the roster (RFC "
            + "4575) of every room, PIN rooms included: an operator's console. Others watch a PIN room's roster "
            + "only while they are in it, having entered its PIN")
    String[] rosterWatchers() default {};
}
