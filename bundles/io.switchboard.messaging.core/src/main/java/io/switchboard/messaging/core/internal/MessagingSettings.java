package io.switchboard.messaging.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of text messages, PID {@code io.switchboard.messaging}. */
@ObjectClassDefinition(name = "Switchboard text messages", description = "Offline delivery and history of SIP MESSAGE")
public @interface MessagingSettings {

    @AttributeDefinition(name = "Stored messages per user", description = "Messages waiting for one user at once; "
            + "past it a new one is refused with 480", min = "1")
    int maxStoredPerUser() default 100;

    @AttributeDefinition(name = "Retention of undelivered messages (days)", description = "A message no phone took "
            + "within this many days expires", min = "1")
    int retentionDays() default 7;

    @AttributeDefinition(name = "History (days)", description = "Messages, delivered or not, are removed after "
            + "this many days", min = "1")
    int historyDays() default 90;
}
