package io.switchboard.testcall.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A test-call schedule in a .cfg file: {@code etc/io.switchboard.testcall.schedule-carrier-a.cfg}. */
@ObjectClassDefinition(name = "Switchboard test-call schedule")
@interface ScheduleConfig {

    String PID = "io.switchboard.testcall.schedule";

    String name();

    @AttributeDefinition(required = false, description = "The trunk the call must leave through; empty for the routing's choice")
    String trunk() default "";

    @AttributeDefinition(description = "What is dialled: the carrier's echo test number, or a number of ours that comes back in")
    String number();

    int intervalMinutes() default 15;

    int answerSeconds() default 30;

    int listenSeconds() default 5;

    @AttributeDefinition(description = "echo (its own tone back), any (some sound) or none (the answer alone)")
    String audio() default "echo";

    @AttributeDefinition(description = "The lowest MOS that passes, 0 for no minimum")
    double minMos() default 0;

    boolean enabled() default true;
}
