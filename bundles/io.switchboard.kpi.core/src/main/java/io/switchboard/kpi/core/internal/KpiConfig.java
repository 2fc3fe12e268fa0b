package io.switchboard.kpi.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard KPIs")
@interface KpiConfig {

    String PID = "io.switchboard.kpi";

    @AttributeDefinition(name = "Time zone", required = false, description = "The zone of the admins, such as "
            + "Europe/Paris: daily rollups start at its midnight, and answers use it unless a request names "
            + "another; empty for the machine's zone. Changing it rebuilds the rollups")
    String timeZone() default "";

    @AttributeDefinition(name = "Destination prefixes", required = false, description = "E.164 prefixes (+1900, "
            + "+44870) that name a destination of their own; other numbers count under their country code. "
            + "Changing them rebuilds the rollups")
    String[] destinationPrefixes() default {};

    @AttributeDefinition(name = "Rollup delay (ms)", min = "50", description = "Records are summed in memory "
            + "at most this long before their rollups are written (dashboards and alerts see a call this much later; "
            + "shorter rewrites the same rows more often)")
    int flushMillis() default 5000;
}
