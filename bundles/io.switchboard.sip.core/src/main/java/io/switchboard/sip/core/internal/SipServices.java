package io.switchboard.sip.core.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.Registrations;
import io.switchboard.sip.api.SipGuard;
import io.switchboard.sip.api.TrunkHealth;
import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.core.internal.registrar.SipStore;

/**
 * The switch as other bundles see it: call control, trunk health, the guard's lockouts and the
 * registrations, offered once the switch runs and gone when it stops. It holds no state: each
 * answer comes from the running switch, the registrations' from the database.
 */
@Component(service = { CallControl.class, TrunkHealth.class, SipGuard.class, Registrations.class })
public class SipServices implements CallControl, TrunkHealth, SipGuard, Registrations {

    private final SipServer sip;
    private final SipStore store;

    @Activate
    public SipServices(@Reference SipServer sip, @Reference SipStore store) {
        this.sip = sip;
        this.store = store;
    }

    @Override
    public List<ActiveCall> activeCalls() {
        return sip.b2bua().activeCalls();
    }

    @Override
    public boolean hangUp(String id) {
        return sip.b2bua().hangup(id);
    }

    @Override
    public boolean transfer(String id, String target) {
        return sip.b2bua().transfer(id, target);
    }

    @Override
    public String redirect(String id, String destination) {
        return sip.b2bua().redirect(id, destination);
    }

    @Override
    public String ring(String id, String user, int seconds) {
        return sip.b2bua().ring(id, user, seconds);
    }

    @Override
    public String ring(String id, List<String> users, int seconds) {
        return sip.b2bua().ring(id, users, seconds);
    }

    @Override
    public String ringNumber(String id, String number, int seconds) {
        return sip.b2bua().ringNumber(id, number, seconds);
    }

    @Override
    public boolean tag(String id, String name, String value) {
        return sip.b2bua().tag(id, name, value);
    }

    @Override
    public String connect(String user, String number, String name) {
        return sip.b2bua().connect(user, number, name);
    }

    @Override
    public String refusal(String user, String number) {
        return sip.b2bua().refusal(user, number);
    }

    @Override
    public List<Lockout> lockouts() {
        return sip.guard().lockouts();
    }

    @Override
    public boolean lift(String kind, String key) {
        return sip.guard().lift(kind, key);
    }

    @Override
    public List<String> trustedNetworks() {
        return sip.guard().trustedNetworks();
    }

    @Override
    public List<TrunkState> states() {
        return sip.trunkHealth().states();
    }

    @Override
    public Optional<TrunkState> state(String trunk) {
        return sip.trunkHealth().state(trunk);
    }

    @Override
    public int phones(String user) {
        return store.bindings(user, Instant.now()).size();
    }

    @Override
    public List<String> sources(String user) {
        return store.bindings(user, Instant.now()).stream().filter(b -> b.source() != null)
                .sorted(Comparator.comparing(SipStore.Binding::registered,
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .map(SipStore.Binding::source).toList();
    }
}
