package io.switchboard.mgmt.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard management API")
@interface ManagementConfig {

    String PID = "io.switchboard.mgmt";

    /** Environment variable that sets the admin password, for scripts and containers. */
    String ADMIN_PASSWORD_ENV = "SWITCHBOARD_ADMIN_PASSWORD";

    @AttributeDefinition(name = "Admin account name")
    String adminUser() default "admin";

    @AttributeDefinition(name = "Admin password (.adminPassword)", type = AttributeType.PASSWORD, required = false,
            description = "When set here, the admin account gets this password at every start, even after it was "
                    + "changed through the API; " + ADMIN_PASSWORD_ENV + " sets it at the first start only; with "
                    + "neither, the first start generates one and shows it once")
    String _adminPassword() default "";

    @AttributeDefinition(name = "Admin password (old name)", type = AttributeType.PASSWORD, required = false,
            description = "Still read, with a warning: any bundle could read it from the service registry; use "
                    + ".adminPassword")
    String adminPassword() default "";

    @AttributeDefinition(name = "Failed logins before lockout", min = "1")
    int lockoutAttempts() default 10;

    @AttributeDefinition(name = "Failed logins per address before lockout", min = "1",
            description = "Whatever account names they try: past this many failures in the lockout period an address "
                    + "(IPv6: its /64) is refused before any password is hashed")
    int addressFailureBudget() default 30;

    @AttributeDefinition(name = "Lockout (s)", min = "1")
    int lockoutSeconds() default 300;

    @AttributeDefinition(name = "Largest request body (KB)", min = "1", description = "Larger bodies get 413; the "
            + "imports (/cdr/import, /sip/numbers/import) stream theirs under the two limits below")
    int maxBodyKilobytes() default 1024;

    @AttributeDefinition(name = "Largest audio upload (MB)", min = "1", description = "An audio body (a prompt, a "
            + "piece of music: Content-Type audio/...) is streamed to its resource, which takes what it can play, and "
            + "stopped with 413 past this size")
    int maxAudioMegabytes() default 64;

    @AttributeDefinition(name = "Largest import (MB)", min = "1", description = "An import body past this size "
            + "is stopped with 413 naming the line it reached")
    int maxImportMegabytes() default 2048;

    @AttributeDefinition(name = "Longest import line (KB)", min = "1", description = "An import with a longer "
            + "line is stopped with 413 naming that line")
    int maxImportLineKilobytes() default 64;

    @AttributeDefinition(name = "Trusted proxies", required = false,
            description = "Addresses of reverse proxies in front of the API (one address each): only from them is "
                    + "X-Forwarded-For believed, for the lockout and the log; from anyone else it is ignored")
    String[] trustedProxies() default {};

    @AttributeDefinition(name = "Metrics open to", required = false,
            description = "Addresses (one each) from which GET /api/v1/metrics answers without credentials: a "
                    + "Prometheus server that scrapes without them. The packet's own source address counts, never "
                    + "X-Forwarded-For")
    String[] metricsOpenTo() default {};

    @AttributeDefinition(name = "Resources required for health", required = false,
            description = "Servlet patterns of the API (such as /sip/*) that must be served before GET /api/v1/health "
                    + "answers UP, so that scripts waiting for health find the API whole")
    String[] requiredResources() default {};
}
