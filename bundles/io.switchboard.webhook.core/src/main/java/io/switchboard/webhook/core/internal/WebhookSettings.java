package io.switchboard.webhook.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@value #PID}: where webhooks may go, and how hard the server tries. */
@ObjectClassDefinition(name = "Switchboard webhooks")
@interface WebhookSettings {

    String PID = "io.switchboard.webhook";

    @AttributeDefinition(name = "Allow private targets", description = "Let subscriptions POST to loopback, private, "
            + "link-local and other internal addresses. Off: a subscription cannot turn the server against the "
            + "network it sits in")
    boolean allowPrivateTargets() default false;

    @AttributeDefinition(name = "Allow HTTP", description = "Let subscriptions use plain HTTP; off, only HTTPS")
    boolean allowHttp() default false;

    @AttributeDefinition(name = "Trusted certificates", description = "A PEM file of certificates HTTPS receivers "
            + "may present besides those of the authorities the JVM trusts: your own CA's, or an internal receiver's "
            + "self-signed one (an absolute path, or relative to the folder the server starts in). The host name is "
            + "still checked")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "Attempts", description = "Attempts of a delivery before it is given up (FAILED)")
    int maxAttempts() default 8;

    @AttributeDefinition(name = "First retry (s)", description = "Wait before the second attempt; each next wait doubles, "
            + "up to an hour")
    int retrySeconds() default 10;

    @AttributeDefinition(name = "Timeout (s)", description = "How long an endpoint has to answer")
    int timeoutSeconds() default 10;

    @AttributeDefinition(name = "Kept (days)", description = "Delivered and failed deliveries are removed after this")
    int keepDays() default 7;
}
