package io.switchboard.alert.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** An alert rule in a .cfg file: {@code etc/io.switchboard.alert.rule-asr-drop.cfg}. */
@ObjectClassDefinition(name = "Switchboard alert rule")
@interface RuleConfig {

    String PID = "io.switchboard.alert.rule";

    String name();

    @AttributeDefinition(description = "threshold, baseline, trunk-down, registration-storm or toll-fraud")
    String kind() default "baseline";

    @AttributeDefinition(required = false, description = "asr, ner, acd, pdd, pdd95, mos, mos5, jitter, loss, attempts")
    String kpi() default "asr";

    @AttributeDefinition(description = "all, trunk, did, user or destination")
    String scope() default "trunk";

    @AttributeDefinition(required = false, description = "One key of the scope; empty or * for each")
    String key() default "*";

    boolean below() default true;

    @AttributeDefinition(description = "The limit; for a baseline the change in percent; for the built-in kinds calls a minute")
    double threshold() default 20;

    int baselineWeeks() default 4;

    int windowMinutes() default 60;

    long minAttempts() default 20;

    long holdSeconds() default 0;

    long cooldownSeconds() default 900;

    String severity() default "major";

    @AttributeDefinition(required = false, description = "Notifier names; empty for all")
    String[] notifiers() default {};

    boolean enabled() default true;
}
