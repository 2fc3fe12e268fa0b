package io.switchboard.queue.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The queues' settings, PID {@value #PID} ({@code etc/io.switchboard.queue.cfg}). */
@ObjectClassDefinition(name = "Switchboard call queues")
public @interface QueueSettings {

    String PID = "io.switchboard.queue";

    @AttributeDefinition(name = "Log-in code", description = "What an agent dials to log in: alone, to every queue "
            + "that takes logins; followed by a queue's name (*45600), to that one")
    String loginCode() default "*45";

    @AttributeDefinition(name = "Log-out code", description = "What an agent dials to log out, likewise")
    String logoutCode() default "*46";

    @AttributeDefinition(name = "Pause code", description = "What an agent dials to pause, and again to be ready, "
            + "likewise")
    String pauseCode() default "*47";

    @AttributeDefinition(name = "Service level (s)", description = "The service level counts the callers answered "
            + "within this wait, over those answered and abandoned", min = "1", max = "600")
    int serviceLevelSeconds() default 20;

    @AttributeDefinition(name = "Short abandon (s)", description = "A caller who hangs up within this wait is "
            + "counted apart, as a short abandon (a wrong number, a caller who changed their mind), not in the service "
            + "level", min = "0", max = "60")
    int shortAbandonSeconds() default 5;

    @AttributeDefinition(name = "Rest after a missed call (s)", description = "How long an agent who did not "
            + "answer (busy, no answer, no phone) is passed by before being offered a caller again", min = "0",
            max = "300")
    int restSeconds() default 5;
}
