package io.switchboard.cdr.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard call-detail records")
@interface CdrConfig {

    String PID = "io.switchboard.cdr";

    @AttributeDefinition(name = "Retention (days)", min = "0",
            description = "Records older than this are deleted every day; 0 keeps them forever")
    int retentionDays() default 365;

    @AttributeDefinition(name = "Largest group commit (records)", min = "1")
    int maxBatch() default 5000;
}
