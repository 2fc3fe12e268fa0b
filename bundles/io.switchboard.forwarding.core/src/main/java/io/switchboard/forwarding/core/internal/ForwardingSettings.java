package io.switchboard.forwarding.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of call forwarding, PID {@value #PID} ({@code etc/io.switchboard.forwarding.cfg}). */
@ObjectClassDefinition(name = "Switchboard call forwarding")
public @interface ForwardingSettings {

    String PID = "io.switchboard.forwarding";

    @AttributeDefinition(name = "Forward all calls", description = "Dialled with the destination after it "
            + "(*72201, *72+442079460000, *72voicemail); empty turns the code off")
    String alwaysOn() default "*72";

    @AttributeDefinition(name = "Stop forwarding all calls")
    String alwaysOff() default "*73";

    @AttributeDefinition(name = "Forward when busy", description = "Dialled with the destination after it")
    String busyOn() default "*90";

    @AttributeDefinition(name = "Stop forwarding when busy")
    String busyOff() default "*91";

    @AttributeDefinition(name = "Forward on no answer", description = "Dialled with the destination after it")
    String noAnswerOn() default "*92";

    @AttributeDefinition(name = "Stop forwarding on no answer")
    String noAnswerOff() default "*93";

    @AttributeDefinition(name = "Call waiting on", description = "A second call reaches the user while in a call")
    String callWaitingOn() default "*70";

    @AttributeDefinition(name = "Call waiting off", description = "A user in a call is busy: 486, then the busy forward")
    String callWaitingOff() default "*71";

    @AttributeDefinition(name = "Refuse anonymous calls", description = "Calls that withhold the caller's number "
            + "are refused with 433 (anonymous call rejection)")
    String anonymousOff() default "*77";

    @AttributeDefinition(name = "Take anonymous calls again")
    String anonymousOn() default "*87";

    @AttributeDefinition(name = "Media address", description = "Address the confirmation tone is sent from; "
            + "empty: loopback for phones on loopback, else this host's first address")
    String address() default "";
}
