package io.switchboard.push.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard push gateway", description = "Push notifications (RFC 8599) sent to a "
        + "push gateway of your own, which passes them to FCM, APNs or a web push service: one configuration per "
        + "pn-provider (etc/io.switchboard.push.webhook-NAME.cfg)")
@interface WebhookSettings {

    @AttributeDefinition(name = "Provider", description = "The pn-provider phones register with: fcm, apns, webpush")
    String provider();

    @AttributeDefinition(name = "URL", description = "Where each push is POSTed as JSON: {provider, prid, param, user, "
            + "reason, callId}; https:// unless the gateway is on this host")
    String url();

    @AttributeDefinition(name = "Authorization", description = "The Authorization header's value for the gateway, "
            + "or empty; never logged", type = AttributeType.PASSWORD)
    String _authorization() default "";

    @AttributeDefinition(name = "Timeout (ms)", description = "How long the gateway may take to answer")
    int timeoutMillis() default 3000;
}
