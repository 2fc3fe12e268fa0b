package io.switchboard.voicemail.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@value #PID}: the messages' limits, the prompts' language, and the SMTP server messages are mailed through. */
@ObjectClassDefinition(name = "Switchboard voicemail")
@interface VoicemailSettings {

    String PID = "io.switchboard.voicemail";

    @AttributeDefinition(name = "Mailboxes on by default", description = "Whether calls that find nobody go to "
            + "the voicemail of users whose mailbox was never switched on or off (PUT /voicemail/mailboxes/{user} "
            + "{\"enabled\": true})")
    boolean enabledByDefault() default false;

    @AttributeDefinition(name = "Longest message (s)", min = "5")
    int maxSeconds() default 180;

    @AttributeDefinition(name = "Shortest message (s)", description = "Messages with less sound (their silent end "
            + "trimmed) are dropped: a caller who hung up at the beep leaves nothing", min = "0")
    int minSeconds() default 2;

    @AttributeDefinition(name = "Messages per mailbox", description = "A full mailbox takes no more: the caller "
            + "hears the call fail as it would have", min = "1")
    int maxMessages() default 100;

    @AttributeDefinition(name = "Prompts' language", description = "en")
    String language() default "en";

    @AttributeDefinition(name = "Media address", description = "Address of the voicemail's RTP ports as callers "
            + "(or the relay) reach it; empty: loopback for callers on this host, else the first IPv4 address")
    String address() default "";

    @AttributeDefinition(name = "SMTP host", description = "Empty: messages are not mailed", required = false)
    String smtpHost() default "";

    int smtpPort() default 25;

    @AttributeDefinition(description = "none, starttls (required) or smtps")
    String security() default "starttls";

    @AttributeDefinition(required = false)
    String username() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "A secret, set as .password: never logged")
    String _password() default "";

    @AttributeDefinition(required = false)
    String from() default "voicemail@localhost";

    int timeoutSeconds() default 20;
}
