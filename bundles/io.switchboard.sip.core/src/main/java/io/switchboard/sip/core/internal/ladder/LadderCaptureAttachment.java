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

/**
 * Each switch call's SIP ladder as a capture for Wireshark, {@code GET /cdr/records/{id}/ladder.pcap}.
 * It is the ladder read another way, so the ladder's own attachment removes it with the records.
 */
@Component(property = CallAttachment.NAME + "=ladder.pcap")
public class LadderCaptureAttachment implements CallAttachment {

    private final LadderStore ladders;

    @Activate
    public LadderCaptureAttachment(@Reference SipStore store) {
        this.ladders = new LadderStore(store.dataSource());
    }

    @Override
    public Optional<Content> find(CallRecord record) throws IOException {
        if (record.callIds().isEmpty()) {
            return Optional.empty();
        }
        return ladders.pcap(record.callIds().get(0)).map(
                pcap -> Content.ofBytes("application/vnd.tcpdump.pcap", "ladder-" + record.id() + ".pcap", pcap));
    }

    @Override
    public long removeBefore(Instant cutoff) {
        return 0;
    }
}
