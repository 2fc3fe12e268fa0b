package io.switchboard.alert.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard alerts")
@interface AlertConfig {

    String PID = "io.switchboard.alert";

    @AttributeDefinition(name = "KPI rules evaluated every (s)", min = "5")
    int evaluateSeconds() default 60;
}
