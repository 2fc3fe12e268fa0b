package io.switchboard.sip.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.admin.SwitchAdmin;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.core.internal.registrar.SipStore;

/** The switch as its management resources see it ({@code io.switchboard.sip.admin}); each answer from the running switch. */
@Component(service = SwitchAdmin.class)
public class SwitchAdminService implements SwitchAdmin {

    private final SipServer sip;
    private final SipStore store;

    @Activate
    public SwitchAdminService(@Reference SipServer sip, @Reference SipStore store) {
        this.sip = sip;
        this.store = store;
    }

    @Override
    public Map<String, Object> status() {
        return sip.status();
    }

    @Override
    public List<Map<String, Object>> calls() {
        return sip.activeCallMaps();
    }

    @Override
    public List<Map<String, Object>> trunks() {
        return sip.trunks().status();
    }

    @Override
    public List<PhoneBinding> bindings(String user) {
        Instant now = Instant.now();
        return (user == null ? store.allBindings(now) : store.bindings(user, now)).stream()
                .map(b -> new PhoneBinding(b.username(), b.contact(), b.expiresAt(), b.q(), b.callId(), b.cseq(),
                        b.source(), b.userAgent(), b.registered(), b.instanceId(), b.regId(), b.path()))
                .toList();
    }

    @Override
    public int unregisterAll(String user) {
        return sip.unregisterAll(user);
    }

    @Override
    public List<String> defaultAlgorithms() {
        return sip.defaultAlgorithms();
    }

    @Override
    public long droppedFromLockedOut() {
        return sip.guard().dropped();
    }

    @Override
    public Map<String, Object> path(RouteDecision decision, Instant when) {
        return sip.b2bua().path(decision, when);
    }
}
