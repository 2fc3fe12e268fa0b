package io.switchboard.attendant.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The auto attendant's settings, PID {@value #PID} ({@code etc/io.switchboard.attendant.cfg}). */
@ObjectClassDefinition(name = "Switchboard auto attendant")
public @interface AttendantSettings {

    String PID = "io.switchboard.attendant";

    @AttributeDefinition(name = "Prompt recording code", description = "Dialled before a prompt's number to record "
            + "it from a phone (*94100 records prompt 100): a beep, then speak, then # (* starts again); the prompt "
            + "is played back and kept, replacing one of that name. Empty turns it off")
    String recordCode() default "*94";

    @AttributeDefinition(name = "Prompt recorders", description = "The users who may record prompts from their "
            + "phones (a receptionist); nobody by default")
    String[] recorders() default {};
}
