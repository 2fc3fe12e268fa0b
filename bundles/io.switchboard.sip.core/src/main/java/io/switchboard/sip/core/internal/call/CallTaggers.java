package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.sip.api.CallTagger;

/** The {@link CallTagger} plugins, asked for each record the switch writes. */
public final class CallTaggers {

    private static final Logger LOG = System.getLogger(CallTaggers.class.getName());
    private final List<CallTagger> taggers = new CopyOnWriteArrayList<>();

    public void add(CallTagger tagger) {
        taggers.add(tagger);
    }

    public void remove(CallTagger tagger) {
        taggers.remove(tagger);
    }

    /** @return the record with the plugins' tags added to its own, which stay as they are */
    public CallRecord tag(CallRecord record) {
        if (taggers.isEmpty()) {
            return record;
        }
        Map<String, String> tags = new LinkedHashMap<>(record.tags());
        for (CallTagger t : taggers) {
            try {
                t.tags(record.caller(), record.callIds()).forEach(tags::putIfAbsent);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call tagger " + t.getClass().getName() + " failed on " + record.sourceId()
                        + ": " + e);
            }
        }
        return tags.size() == record.tags().size() ? record : record.withTags(tags);
    }
}
