package io.switchboard.phone.ui.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.phone.api.PhoneListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The console's phones, one per navigator server that has an account, open for as long as the
 * console runs so that calls reach the admin whichever server the navigator shows. What the
 * engine reports is posted on the event broker ({@link #TOPIC}) for the softphone part.
 */
@Creatable
@Singleton
public class Phones {

    /** Every event of the console's phones; data: {@link #SERVER} and, for calls, {@link #CALL}. */
    public static final String TOPIC = "io/switchboard/phone/ui/*";
    static final String REGISTRATION = "io/switchboard/phone/ui/REGISTRATION";
    static final String INCOMING = "io/switchboard/phone/ui/INCOMING";
    static final String CALL_CHANGED = "io/switchboard/phone/ui/CALL";
    static final String MESSAGE = "io/switchboard/phone/ui/MESSAGE";
    static final String CHAT = "chat";
    static final String SERVER = "server";
    static final String CALL = "call";
    private static final String ENGINE_BUNDLE = "io.switchboard.phone.core";

    /** A server's phone and what its registration last came to. */
    static final class Line {
        final String serverName;
        final Phone phone;
        volatile String registration = "Registering…";
        final Conversations chat = new Conversations();

        Line(String serverName, Phone phone) {
            this.serverName = serverName;
            this.phone = phone;
        }
    }

    private final IEventBroker events;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final Map<String, LevelMeter> meters = new ConcurrentHashMap<>();
    private final ServiceTracker<PhoneEngine, PhoneEngine> engine;

    @Inject
    public Phones(IEventBroker events) {
        this.events = events;
        BundleContext context = FrameworkUtil.getBundle(Phones.class).getBundleContext();
        engine = new ServiceTracker<>(context, PhoneEngine.class, null);
        engine.open();
    }

    /**
     * @return the phone engine, started if the console had not needed it yet
     * @throws PhoneException when the console has no engine
     */
    PhoneEngine engine() {
        PhoneEngine e = engine.getService();
        if (e != null) {
            return e;
        }
        BundleContext context = FrameworkUtil.getBundle(Phones.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (ENGINE_BUNDLE.equals(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException notStarted) {
                    throw new PhoneException("The phone engine does not start: " + notStarted.getMessage(), notStarted);
                }
            }
        }
        try {
            e = engine.waitForService(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (e == null) {
            throw new PhoneException("The console has no phone engine (bundle " + ENGINE_BUNDLE + ")");
        }
        return e;
    }

    /** Opens the server's phone on this account, closing the one it had. */
    Line open(String serverId, String serverName, PhoneAccount account) {
        close(serverId);
        Line line = new Line(serverName, engine().open(account, listener(serverId)));
        lines.put(serverId, line);
        post(REGISTRATION, serverId, null);
        return line;
    }

    Optional<Line> line(String serverId) {
        return serverId == null ? Optional.empty() : Optional.ofNullable(lines.get(serverId));
    }

    /** Hangs up the server's calls and unregisters its phone. */
    void close(String serverId) {
        Line line = lines.remove(serverId);
        if (line != null) {
            line.phone.close();
            post(REGISTRATION, serverId, null);
        }
    }

    /** The level meter of a call's incoming audio, kept while the call lives. */
    void meter(PhoneCall call, LevelMeter meter) {
        meters.put(call.id(), meter);
    }

    LevelMeter meter(PhoneCall call) {
        return call == null ? null : meters.get(call.id());
    }

    @PreDestroy
    void closeAll() {
        lines.keySet().forEach(this::close);
        engine.close();
    }

    private PhoneListener listener(String serverId) {
        return new PhoneListener() {
            @Override
            public void registration(Phone phone, boolean registered, String reason) {
                Line line = lines.get(serverId);
                if (line != null && line.phone == phone) {
                    line.registration = registered ? "Registered" : "Not registered: " + reason;
                }
                post(REGISTRATION, serverId, null);
            }

            @Override
            public void incoming(PhoneCall call) {
                post(INCOMING, serverId, call);
            }

            @Override
            public void message(Phone phone, String from, String text, Instant written) {
                Line line = lines.get(serverId);
                if (line != null && line.phone == phone) {
                    events.post(MESSAGE, Map.of(SERVER, serverId, CHAT, line.chat.received(from, text, written)));
                }
            }

            @Override
            public void stateChanged(PhoneCall call, CallState state) {
                if (state == CallState.ENDED) {
                    meters.remove(call.id()); // the engine closes the call's sink itself
                }
                post(CALL_CHANGED, serverId, call);
            }
        };
    }

    private void post(String topic, String serverId, PhoneCall call) {
        Map<String, Object> data = new HashMap<>();
        data.put(SERVER, serverId);
        if (call != null) {
            data.put(CALL, call);
        }
        events.post(topic, data);
    }
}
