package io.switchboard.store.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard store", description = "The database that holds Switchboard's state. "
        + "Empty url: embedded H2 in the server's data folder.")
public @interface StoreConfig {

    String PID = "io.switchboard.store.jdbc";

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:postgresql://host:5432/db or jdbc:h2:file:/path; empty for the embedded default")
    String url() default "";

    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Set as .password: a private property, which no plugin can read from the service registry")
    String _password() default "";

    @AttributeDefinition(name = "Password (old name)", type = AttributeType.PASSWORD, required = false,
            description = "Still read, with a warning: any bundle could read it from the service registry; use .password")
    String password() default "";

    @AttributeDefinition(name = "Pool size", min = "1", max = "200")
    int poolSize() default 10;

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", max = "600",
            description = "How long the start waits for the database; a connection borrowed later waits at most 3 s")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Silence timeout (s)", min = "0", max = "3600",
            description = "PostgreSQL: a statement that gets no byte back for this long fails and its connection "
                    + "is closed. A database or network that went silent (a firewall that drops packets, a host "
                    + "gone) would otherwise hold the connection until the system's TCP timeout, about 15 minutes. "
                    + "Raise it for reports or upgrades that run longer; 0: never")
    int socketTimeoutSeconds() default 60;
}
