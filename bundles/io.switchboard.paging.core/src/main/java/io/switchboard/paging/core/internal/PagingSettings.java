package io.switchboard.paging.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Paging's settings, PID {@value #PID} ({@code etc/io.switchboard.paging.cfg}). */
@ObjectClassDefinition(name = "Switchboard paging and intercom")
public @interface PagingSettings {

    String PID = "io.switchboard.paging";

    @AttributeDefinition(name = "Account of pages", description = "The SIP user pages call the members' phones as: "
            + "made at the first page (its password set anew by each server then, never stored in clear). It must "
            + "be among the switch's intercomCallers (io.switchboard.sip), which it is by default")
    String account() default "paging";

    @AttributeDefinition(name = "Switch address for pages", description = "Where the pages' phone reaches the switch")
    String sipHost() default "127.0.0.1";

    @AttributeDefinition(name = "Answer wait (s)", description = "How long a member's phone that does not answer on "
            + "its own rings before the page passes it by; a page nobody answered by then ends", min = "1", max = "60")
    int answerSeconds() default 8;

    @AttributeDefinition(name = "Chime", description = "Whether the caller hears a short chime once the first phone "
            + "answered: the sign to speak")
    boolean chime() default true;
}
