package io.switchboard.sip.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that adds tags to the records of the switch's calls, because it knows more of a call than
 * the switch does: the test-call service marks its own calls {@code synthetic}. Register it as an
 * OSGi service. It is asked when a record is written, on a SIP thread: answer from memory. A tag the
 * switch sets itself is never replaced; a tagger that throws is skipped for that record.
 */
@ConsumerType
public interface CallTagger {

    /**
     * @param caller the authenticated user who called, or the caller's number from a trunk
     * @param sipCallIds the SIP Call-IDs of the call's legs, the caller's first
     * @return the tags to add, empty for none
     */
    Map<String, String> tags(String caller, List<String> sipCallIds);
}
