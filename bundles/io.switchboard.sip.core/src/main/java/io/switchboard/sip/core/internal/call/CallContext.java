package io.switchboard.sip.core.internal.call;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.ladder.Ladders;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;

/**
 * The services every part of a call's handling uses, made once by the switch: what the calls read
 * (bindings, provisioning, trunks), where they write (journal, ladders, events, records), how they
 * make and send SIP messages, and the settings they follow.
 *
 * @param e164 the E.164 form of a number as dialled, or null
 * @param records where each finished call's record goes
 * @param source the name records give this switch
 */
public record CallContext(SipStore store, B2bua.Provisioned provisioning, Trunks trunks, Function<String, String> e164,
        Authenticator auth, CallJournal journal, Ladders ladders, EventPoster events, Sip sip,
        ScheduledExecutorService timer, Consumer<CallRecord> records, B2bua.Limits limits, String source,
        LegAddresses legs, B2bua.Media media) {

    /**
     * How the parts make SIP messages and which provider sends them.
     *
     * @param providers the provider of a transport ("udp", "tls"), or null when none listens
     */
    public record Sip(MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            Function<String, SipProvider> providers) {
    }
}
