package io.switchboard.directory.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings {@value #PID}: how long the switch waits for a contact directory, and what it remembers. */
@ObjectClassDefinition(name = "Switchboard contact directories")
@interface DirectorySettings {

    String PID = "io.switchboard.directory";

    @AttributeDefinition(name = "Wait (ms)", description = "How long an incoming call waits for the directories' "
            + "answer before it rings without a name; the answer still fills the cache when it comes")
    int answerMillis() default 250;

    @AttributeDefinition(name = "Known numbers kept (s)", description = "How long a name found is remembered")
    int cacheSeconds() default 600;

    @AttributeDefinition(name = "Unknown numbers kept (s)", description = "How long a number no directory knows is "
            + "remembered as unknown")
    int missSeconds() default 60;

    @AttributeDefinition(name = "Numbers kept", description = "At most this many answers are remembered; the least "
            + "recently asked go first")
    int cacheSize() default 10_000;

    @AttributeDefinition(name = "Lookups at once", description = "Threads that ask the directories")
    int threads() default 4;

    @AttributeDefinition(name = "Lookups waiting", description = "Lookups that may wait for a thread; past this a call "
            + "goes on without asking (counted as dropped)")
    int queue() default 200;
}
