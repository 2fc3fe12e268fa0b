package io.switchboard.presence.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Settings {@value #PID}: who may watch whose calls (the dialog package, RFC 4235) and who sees the
 * other party of them. Changed while the switch runs, they apply from the next SUBSCRIBE and the
 * next NOTIFY.
 */
@ObjectClassDefinition(name = "Switchboard busy lamps")
@interface WatchSettings {

    String PID = "io.switchboard.presence";

    @AttributeDefinition(name = "Who may watch a user's calls", description = "colleagues: users who share a "
            + "ring group or an emergency location (a site), and the pairs in allow; listed: the pairs in allow "
            + "only; everyone: every user, as on a key system", options = {
                    @Option(label = "Colleagues", value = "colleagues"), @Option(label = "Listed", value = "listed"),
                    @Option(label = "Everyone", value = "everyone") })
    String watch() default "colleagues";

    @AttributeDefinition(name = "Allowed watchers", description = "watcher:watched pairs that may watch besides; "
            + "* for any user: reception:* lets reception watch everyone, *:lobby everyone watch lobby")
    String[] allow() default {};

    @AttributeDefinition(name = "Who sees the other party", description = "watcher:watched pairs (* for any user) "
            + "whose lamps show the other party's address and the call's SIP Call-ID; the others see that a call "
            + "is trying, ringing or up, with an opaque id. A user always sees its own calls whole")
    String[] showParties() default {};
}
