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

    @AttributeDefinition(name = "Group commit linger (ms)", min = "0",
            description = "How long records handed over wait for more before their commit: one commit per record "
                    + "cost the store four times the CPU per call at 400 calls/s; 0 commits each hand-over at once")
    long commitLingerMillis() default 50;
}
