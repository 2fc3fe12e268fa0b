package io.switchboard.phone.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.UserAgent.Outcome;

/**
 * A phone on one account: its own SIP stack ({@link UserAgent}), its registration kept fresh, its
 * calls, and the audio tick that drives their streams every 20 ms.
 */
final class SipPhone implements Phone {

    private static final Logger LOG = System.getLogger(SipPhone.class.getName());
    private static final int HISTORY = 200;
    /** How long closing waits for the server to take the unregistration: a dead server holds a quit no longer. */
    private static final long UNREGISTER_WAIT_MILLIS = 1500;

    private final PhoneAccount account;
    private final PhoneListener listener;
    private final ScheduledExecutorService timer;
    private final UserAgent ua;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<SipCall> history = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> audio;
    private volatile boolean registered;
    private volatile ScheduledFuture<?> refresh;
    private volatile List<String> codecs = AudioCodec.NAMES;

    SipPhone(PhoneAccount account, PhoneListener listener, ScheduledExecutorService timer) {
        this.account = account;
        this.listener = listener == null ? new PhoneListener() {
        } : listener;
        this.timer = timer;
        this.ua = new UserAgent(account, this);
        this.audio = timer.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
        if (account.registerSeconds() > 0) {
            register(account.registerSeconds());
        }
    }

    @Override
    public PhoneAccount account() {
        return account;
    }

    @Override
    public boolean registered() {
        return registered;
    }

    String host() {
        return ua.host();
    }

    SipProvider provider() {
        return ua.provider();
    }

    SipURI uri(String target) {
        return ua.uri(target);
    }

    @Override
    public PhoneCall dial(String target, AudioSource source, AudioSink sink) {
        SipURI to = ua.uri(target);
        return ua.invite(to, id -> outgoing(id, to, source, sink), null, Map.of(), "sendrecv");
    }

    @Override
    public PhoneCall dial(String target, Map<String, String> headers, boolean sendOnly, AudioSource source,
            AudioSink sink) {
        SipURI to = ua.uri(target);
        return ua.invite(to, id -> outgoing(id, to, source, sink), null, Map.copyOf(headers),
                sendOnly ? "sendonly" : "sendrecv");
    }

    /** Places the call a REFER asks for, with the audio of the call that was transferred. */
    SipCall dialFor(SipCall transferred, SipURI to, String replaces) {
        return ua.invite(to, id -> outgoing(id, to, transferred.source(), transferred.sink()), replaces, Map.of(),
                "sendrecv");
    }

    private SipCall outgoing(String id, SipURI to, AudioSource source, AudioSink sink) {
        SipCall call = new SipCall(this, id, true, to.toString(), null);
        call.audio(source, sink);
        added(call);
        return call;
    }

    @Override
    public List<String> codecs() {
        return codecs;
    }

    @Override
    public void codecs(List<String> names) {
        List<String> checked = List.copyOf(names);
        AudioCodec.of(checked);
        codecs = checked;
    }

    /** @return fresh codecs for a call, in the order of preference */
    List<AudioCodec> newCodecs() {
        return AudioCodec.of(codecs);
    }

    @Override
    public List<PhoneCall> calls() {
        return calls.values().stream().filter(c -> c.state() != CallState.ENDED)
                .sorted(Comparator.comparing(PhoneCall::started)).map(c -> (PhoneCall) c).toList();
    }

    @Override
    public List<PhoneCall> history() {
        List<PhoneCall> all = new ArrayList<>(history);
        all.sort(Comparator.comparing(PhoneCall::started).reversed());
        return all;
    }

    @Override
    public void close() {
        for (SipCall c : calls.values()) {
            try {
                c.hangup();
            } catch (PhoneException e) {
                LOG.log(Level.DEBUG, "Hanging up " + c + " on close: " + e.getMessage());
            }
        }
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
        }
        if (registered) {
            unregister();
        }
        audio.cancel(false);
        ua.close();
    }

    /**
     * Removes the registration and waits a moment for the server's answer: the stack stops right after,
     * and a REGISTER the server challenges must be sent a second time, so one sent and left behind kept
     * the phone registered after the console quit.
     */
    private void unregister() {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        ua.register(0, outcome -> {
            registered = false;
            done.complete(outcome);
        });
        try {
            Outcome outcome = done.get(UNREGISTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (outcome.reason() != null) {
                LOG.log(Level.INFO, "The server did not take the phone's unregistration: " + outcome.reason());
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.INFO, "No answer to the phone's unregistration within " + UNREGISTER_WAIT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void register(int seconds) {
        ua.register(seconds, outcome -> {
            boolean was = registered;
            registered = outcome.ok();
            if (was != registered || !outcome.ok()) {
                listener.registration(this, registered, outcome.ok() ? null : outcome.reason());
            }
            int again = outcome.ok() ? Math.max(10, outcome.expires() * 4 / 5) : 30;
            if (!ua.closed()) {
                refresh = timer.schedule(() -> register(seconds), again, TimeUnit.SECONDS);
            }
        });
    }

    // What the user agent and the calls tell the phone.

    void added(SipCall call) {
        calls.put(call.id(), call);
        history.add(call);
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        if (!call.outgoing()) {
            listener.incoming(call);
        }
    }

    SipCall call(String id) {
        return calls.get(id);
    }

    void changed(SipCall call, CallState state) {
        listener.stateChanged(call, state);
    }

    void gone(SipCall call) {
        calls.remove(call.id());
    }

    void dtmf(SipCall call, char digit) {
        listener.dtmf(call, digit);
    }

    void message(String from, String text, Instant written) {
        listener.message(this, from, text, written);
    }

    @Override
    public CompletionStage<Integer> send(String target, String text) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ua.message(ua.uri(target), text, done::complete);
        return done;
    }

    void answer(SipCall call) {
        ua.answer(call);
    }

    void respond(ServerTransaction st, int status, String sdp) {
        ua.respond(st, status, sdp);
    }

    void inDialog(SipCall call, String method, String sdp) {
        ua.inDialog(call, method, sdp);
    }

    void refer(SipCall call, String target, SipCall replacing) {
        ua.refer(call, target, replacing);
    }

    private void tick() {
        for (SipCall c : calls.values()) {
            try {
                c.rtp().tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Audio of " + c + ": " + e.getMessage(), e);
            }
        }
    }
}
