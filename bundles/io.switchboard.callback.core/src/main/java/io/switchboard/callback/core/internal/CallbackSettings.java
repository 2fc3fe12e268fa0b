package io.switchboard.callback.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@value #PID}: how often callbacks are looked for, and how hard each is tried. */
@ObjectClassDefinition(name = "Switchboard callbacks and scheduled calls")
@interface CallbackSettings {

    String PID = "io.switchboard.callback";

    @AttributeDefinition(name = "Look every (s)", description = "How often each server looks for callbacks that are due")
    int pollSeconds() default 5;

    @AttributeDefinition(name = "Attempts", description = "Attempts of a callback before it is given up, unless it says")
    int maxAttempts() default 3;

    @AttributeDefinition(name = "Retry after (min)", description = "Wait after an attempt nobody answered, unless it says")
    int retryMinutes() default 10;

    @AttributeDefinition(name = "Attempt lease (s)", description = "How long a server may take over one attempt before "
            + "another takes it over (the first server stopped): longer than both phones' ring time and the call")
    int leaseSeconds() default 7200;
}
