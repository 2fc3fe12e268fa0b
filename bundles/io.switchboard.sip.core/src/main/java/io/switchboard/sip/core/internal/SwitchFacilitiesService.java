package io.switchboard.sip.core.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.call.CallContext;
import io.switchboard.sip.core.internal.call.LegAddresses;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.RegisterService;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;
import io.switchboard.sip.handler.api.Caller;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.handler.api.Way;

/** The switch's means for the bundles that serve a method of their own, over its internal parts. */
final class SwitchFacilitiesService implements SwitchFacilities {

    /** The switch's parts the facilities use. */
    record Parts(Authenticator auth, Trunks trunks, RequestPipeline pipeline, SipStore store, LegAddresses legs,
            PushWake push, UnaryOperator<String> ownNumber, RegisterService registrations) {
    }

    private final Parts p;
    private final CallContext.Sip sip;

    SwitchFacilitiesService(Parts parts, CallContext.Sip sip) {
        this.p = parts;
        this.sip = sip;
    }

    @Override
    public MessageFactory messages() {
        return sip.messages();
    }

    @Override
    public HeaderFactory headers() {
        return sip.headers();
    }

    @Override
    public AddressFactory addresses() {
        return sip.addresses();
    }

    @Override
    public SipProvider provider(String transport) {
        return sip.providers().apply(transport);
    }

    @Override
    public void respond(SipProvider provider, ServerTransaction tx, Response response) throws Exception {
        p.pipeline().send(provider, tx, response);
    }

    @Override
    public Caller authenticate(Request request) throws ParseException {
        Authenticator.Result who = p.auth().authenticate(request, true);
        return new Caller(who.user(), who.challenge());
    }

    @Override
    public List<PhoneBinding> phones(String user) {
        return p.store().bindings(user, Instant.now()).stream().map(SwitchFacilitiesService::phone).toList();
    }

    static PhoneBinding phone(SipStore.Binding b) {
        return new PhoneBinding(b.username(), b.contact(), b.expiresAt(), b.q(), b.callId(), b.cseq(), b.source(),
                b.userAgent(), b.registered(), b.instanceId(), b.regId(), b.path());
    }

    private static SipStore.Binding binding(PhoneBinding b) {
        return new SipStore.Binding(b.username(), b.contact(), b.expiresAt(), b.q(), b.callId(), b.cseq(), b.source(),
                b.userAgent(), b.registered(), b.instanceId(), b.regId(), b.path());
    }

    @Override
    public Runnable onRegistered(Consumer<String> then) {
        return p.registrations().onRegistered(then);
    }

    @Override
    public URI reach(PhoneBinding phone) throws ParseException {
        return p.legs().reachable(binding(phone));
    }

    @Override
    public List<Address> route(PhoneBinding phone) throws ParseException {
        return p.legs().route(phone.path());
    }

    @Override
    public Way way(URI next) {
        LegAddresses.Way way = p.legs().way(next, sip.providers());
        return new Way(way.provider(), way.point(), way.transport(), way.host());
    }

    @Override
    public String newCallId(String host) {
        return Trunks.newCallId(host);
    }

    @Override
    public Optional<Trunk> trunkOf(Request request) {
        return p.trunks().sender(request);
    }

    @Override
    public String trunkUnusable(String trunk) {
        return p.trunks().unusable(trunk);
    }

    @Override
    public void trunkUnanswered(String trunk) {
        p.trunks().mark(p.trunks().state(trunk), false);
    }

    @Override
    public void authorize(Request again, Response challenge, Trunk trunk) throws Exception {
        p.trunks().authorize(again, challenge, trunk);
    }

    @Override
    public String ownNumber(String user) {
        return p.ownNumber().apply(user);
    }

    @Override
    public boolean wake(String user, String id, String reason, Runnable then) {
        return wakeBindings(user, p.store().bindings(user, Instant.now()), id, reason, then);
    }

    @Override
    public boolean wake(String user, List<PhoneBinding> phones, String id, String reason, Runnable then) {
        return wakeBindings(user, phones.stream().map(SwitchFacilitiesService::binding).toList(), id, reason, then);
    }

    private boolean wakeBindings(String user, List<SipStore.Binding> phones, String id, String reason, Runnable then) {
        if (p.push() == null || !p.push().sleeping(phones)) {
            return false;
        }
        p.push().wake(user, phones, id, reason, woken -> then.run());
        return true;
    }
}
