package io.switchboard.sip.api.hunting;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The groups the switch rings. Register one as an OSGi service; with several, the highest
 * {@code service.ranking} is asked. Routing asks it whether a dialled extension (or the destination
 * of one of our numbers) is a group, and the switch asks for a plan for each call to one.
 * <p>
 * Both are asked on SIP threads: answer from memory or with an indexed read. The switch skips
 * members that are in a call already or have no phone registered, tells {@link #answered} which
 * member took the call (for strategies such as round robin), and writes one record for the call.
 */
@ConsumerType
public interface HuntGroups {

    /** @return whether the extension reaches a group */
    boolean isGroup(String extension);

    /** @return the plan for a new call to the group of this extension; empty when there is none */
    Optional<HuntPlan> plan(String extension);

    /**
     * The plan for a call at that instant: a group with a schedule that is closed then sends the call
     * straight to its after-hours destination (a plan without steps). The switch asks this for calls
     * (now) and the route simulator (at the time it is asked about).
     *
     * @since 1.1
     */
    default Optional<HuntPlan> plan(String extension, Instant when) {
        return plan(extension);
    }

    /**
     * A member answered a call to the group.
     *
     * @param member the user name or number of the step's member that answered
     */
    void answered(String group, String member);
}
