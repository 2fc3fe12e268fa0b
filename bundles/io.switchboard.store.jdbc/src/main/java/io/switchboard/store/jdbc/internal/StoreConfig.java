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

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "Pool size", min = "1", max = "200")
    int poolSize() default 10;

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", max = "600")
    int connectTimeoutSeconds() default 10;
}
