package io.switchboard.testcall.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@code io.switchboard.testcall}: the account the server's own phone places test calls with. */
@ObjectClassDefinition(name = "Switchboard test calls")
@interface TestCallConfig {

    String PID = "io.switchboard.testcall";

    @AttributeDefinition(description = "The SIP user the test calls come from: made (or its password renewed) at "
            + "start; a number of the inventory pointing at it brings loop calls back to the server's phone")
    String probeUser() default "switchboard-testcalls";

    @AttributeDefinition(description = "Where the server's phone reaches the switch")
    String sipHost() default "127.0.0.1";
}
