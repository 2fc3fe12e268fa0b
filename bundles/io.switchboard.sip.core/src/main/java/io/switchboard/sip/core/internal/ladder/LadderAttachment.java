package io.switchboard.sip.core.internal.ladder;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cdr.api.CallAttachment;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.ladder.LadderStore;

/** Each switch call's SIP ladder, as {@code GET /cdr/records/{id}/ladder}; gone with the records' retention. */
@Component(property = CallAttachment.NAME + "=ladder")
public class LadderAttachment implements CallAttachment {

    private final LadderStore ladders;

    @Activate
    public LadderAttachment(@Reference SipStore store) {
        this.ladders = new LadderStore(store.dataSource());
    }

    @Override
    public Optional<Content> find(CallRecord record) throws IOException {
        if (record.callIds().isEmpty()) {
            return Optional.empty();
        }
        return ladders.json(record.callIds().get(0))
                .map(json -> Content.ofBytes("application/json", "ladder-" + record.id() + ".json", json));
    }

    @Override
    public long removeBefore(Instant cutoff) throws IOException {
        return ladders.removeBefore(cutoff);
    }
}
