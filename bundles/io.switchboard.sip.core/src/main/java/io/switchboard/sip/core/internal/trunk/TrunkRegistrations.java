package io.switchboard.sip.core.internal.trunk;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.core.internal.trunk.Trunks.State;

/**
 * Outbound registration of registration trunks: REGISTER to the carrier, the challenge answered,
 * refreshed before expiry, backing off on failure (30 s doubling to 15 min), stopped when the
 * trunk is disabled or stops registering.
 */
final class TrunkRegistrations {

    private static final Logger LOG = System.getLogger(TrunkRegistrations.class.getName());
    private final TrunkService provisioning;
    private final HeaderFactory headers;
    private final Function<String, SipProvider> providers;
    private final Function<String, String> advertised;
    private final ScheduledExecutorService timer;
    private final Function<String, State> states;
    private final CarrierRequests requests;

    TrunkRegistrations(TrunkService provisioning, HeaderFactory headers, Function<String, SipProvider> providers,
            Function<String, String> advertised, ScheduledExecutorService timer, Function<String, State> states,
            CarrierRequests requests) {
        this.provisioning = provisioning;
        this.headers = headers;
        this.providers = providers;
        this.advertised = advertised;
        this.timer = timer;
        this.states = states;
        this.requests = requests;
    }

    /** Starts, keeps or stops each registration trunk's REGISTER as its settings say now. */
    void sync() {
        try {
            for (Trunk t : provisioning.trunks()) {
                State s = states.apply(t.name());
                if (t.enabled() && t.register()) {
                    if (s.nextRegister == null || s.nextRegister.isDone() && s.registeredUntil == null
                            && s.backoffSeconds == 0) {
                        s.nextRegister = timer.schedule(() -> register(t.name(), null), 0, TimeUnit.SECONDS);
                    }
                } else if (s.nextRegister != null) {
                    s.nextRegister.cancel(false);
                    s.nextRegister = null;
                    s.registration = "not registering";
                    s.registeredUntil = null;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Trunk registrations failed: " + e.getMessage());
        }
    }

    /** Sends REGISTER (again with credentials when {@code challenge} is given). */
    private void register(String name, Response challenge) {
        Optional<Trunk> found = provisioning.trunk(name);
        if (found.isEmpty() || !found.get().register() || !found.get().enabled()) {
            return;
        }
        Trunk t = found.get();
        State s = states.apply(name);
        try {
            if (s.registerCallId == null) {
                s.registerCallId = Trunks.newCallId(advertised.apply(t.host()));
            }
            s.registerCseq++;
            String uri = "sip:" + t.host() + (t.port() == 5060 ? "" : ":" + t.port());
            Request register = requests.request(t, Request.REGISTER, s.registerCallId, s.registerCseq, uri);
            register.addHeader(headers.createExpiresHeader(t.registerExpires()));
            if (challenge != null) {
                requests.authorize(register, challenge, t);
            }
            ClientTransaction ct = providers.apply(t.transport()).getNewClientTransaction(register);
            ct.setApplicationData(new PendingRequest() {
                @Override
                public void response(ResponseEvent event) {
                    registered(t, s, event.getResponse(), challenge != null);
                }

                @Override
                public void timeout() {
                    failed(t, s, "no answer from " + t.host());
                }
            });
            // said before sending: the carrier's answer may come, and fail it, before sendRequest returns
            s.registration = challenge == null ? "registering" : "registering (answering challenge)";
            ct.sendRequest();
        } catch (Exception e) {
            failed(t, s, e.getMessage());
        }
    }

    private void registered(Trunk t, State s, Response r, boolean answeredChallenge) {
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !answeredChallenge) {
            register(t.name(), r);
            return;
        }
        if (status / 100 != 2) {
            failed(t, s, status + " " + r.getReasonPhrase());
            return;
        }
        int expires = t.registerExpires();
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        ExpiresHeader eh = r.getExpires();
        if (contact != null && contact.getExpires() > 0) {
            expires = contact.getExpires();
        } else if (eh != null && eh.getExpires() > 0) {
            expires = eh.getExpires();
        }
        s.registeredUntil = Instant.now().plusSeconds(expires);
        s.registration = "registered";
        s.backoffSeconds = 0;
        long refresh = Math.max(5, Math.min(expires - 30, expires * 4L / 5));
        s.nextRegister = timer.schedule(() -> register(t.name(), null), refresh, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Trunk " + t.name() + " registered for " + expires + " s");
    }

    private void failed(Trunk t, State s, String why) {
        s.backoffSeconds = s.backoffSeconds == 0 ? 30 : Math.min(Trunks.MAX_BACKOFF_SECONDS, s.backoffSeconds * 2);
        s.registration = "failed: " + why + "; next attempt in " + s.backoffSeconds + " s";
        if (s.registeredUntil != null && s.registeredUntil.isBefore(Instant.now())) {
            s.registeredUntil = null;
        }
        LOG.log(Level.WARNING, "Trunk " + t.name() + " registration " + s.registration);
        s.nextRegister = timer.schedule(() -> register(t.name(), null), s.backoffSeconds, TimeUnit.SECONDS);
    }
}
