package io.switchboard.parking.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Call parking's settings, PID {@value #PID} ({@code etc/io.switchboard.parking.cfg}). */
@ObjectClassDefinition(name = "Switchboard call parking")
public @interface ParkingSettings {

    String PID = "io.switchboard.parking";

    @AttributeDefinition(name = "Park number", description = "What a phone transfers a call to, to park it in the "
            + "first free slot")
    String parkNumber() default "700";

    @AttributeDefinition(name = "First slot", description = "The first slot's number; the others follow it "
            + "(701, 702, ...). A transfer to a free slot parks the call there; dialling a taken slot takes the call",
            min = "1")
    int firstSlot() default 701;

    @AttributeDefinition(name = "Slots", description = "How many slots the lot has", min = "1", max = "100")
    int slots() default 10;

    @AttributeDefinition(name = "Park time (s)", description = "How long a call waits in its slot before it goes "
            + "back to the phone that parked it", min = "5", max = "3600")
    int parkSeconds() default 120;

    @AttributeDefinition(name = "Return ring (s)", description = "How long the phones of whoever parked a call ring "
            + "when it comes back, before it goes on to the fallback", min = "5", max = "120")
    int returnSeconds() default 20;

    @AttributeDefinition(name = "Fallback", description = "Where a call goes that came back and nobody took: a user, "
            + "a group, a menu, a queue or voicemail:USER. Empty: the mailbox of whoever parked it (a call nobody "
            + "parked then ends)")
    String fallback() default "";

    @AttributeDefinition(name = "Music class", description = "What a parked caller hears: a music class of the "
            + "admin's pieces (/api/v1/music). Empty: the default class, the built-in music until it has pieces")
    String music() default "";
}
