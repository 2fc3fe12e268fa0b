package io.switchboard.queue.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.media.audio.Clip;
import io.switchboard.music.api.MusicClasses;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * The queues' callers on this server: each queue's {@link Line}, changed on one thread of its own (a tick a second,
 * and each call's news as it comes), and the callers' audio on the phone engine, anchored on the relay so that an
 * agent's answer is a redirect of the call, whoever the caller (a carrier's included).
 */
@Component(service = { Lines.class, EventHandler.class }, configurationPid = QueueSettings.PID, property = {
        EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_ANSWERED,
        EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_ENDED })
public class Lines implements EventHandler {

    private static final Logger LOG = System.getLogger(Lines.class.getName());
    /** The key a caller presses to be called back. */
    static final char CALLBACK_KEY = '1';
    private static final int RING_THREADS = 2;
    /** The rate callers' music is made at: a phone's narrowband. */
    private static final int MUSIC_RATE = 8000;

    private final PhoneEngine engine;
    private final CallControl calls;
    private final QueueService queues;
    private final Line.Figures figures;
    private final QueuePrompts prompts = new QueuePrompts();
    private final Clock clock = Clock.systemDefaultZone();
    private final Map<String, Line> lines = new HashMap<>();
    /** The agents that are outside numbers, as last read: the queues' thread's. */
    private Set<String> outsideAgents = Set.of();
    /** The callers by call, for the switch's threads: what the queue's thread keeps is its own. */
    private final Map<String, Waiting> byCall = new ConcurrentHashMap<>();
    private final Runnable listener = () -> {
        Set<String> outside = outsideAgents();
        later(() -> sync(outside));
    };
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-queues");
        t.setDaemon(true);
        return t;
    });
    /**
     * The rings' INVITEs are sent from here, so that a decision never waits on the SIP socket: two threads, as a
     * sender waits for the socket now and then and the next ring need not wait behind it.
     */
    private final ExecutorService ringer = Executors.newFixedThreadPool(RING_THREADS, r -> {
        Thread t = new Thread(r, "switchboard-queue-rings");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;
    /** The admin's music classes; without them the built-in music plays. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MusicClasses music;

    @Activate
    public Lines(@Reference PhoneEngine engine, @Reference CallControl calls, @Reference QueueService queues,
            QueueSettings settings) {
        this.engine = engine;
        this.calls = calls;
        this.queues = queues;
        this.figures = new Line.Figures(settings.serviceLevelSeconds(), settings.shortAbandonSeconds(),
                settings.restSeconds());
        queues.listen(listener);
        Set<String> outside = outsideAgents();
        run(() -> sync(outside));
        thread.scheduleWithFixedDelay(() -> lines.values().forEach(Line::tick), 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        queues.unlisten(listener);
        run(() -> lines.values().forEach(l -> l.drain().forEach(w -> {
            if (!w.callback) {
                calls.hangUp(w.callId);
            }
        })));
        thread.shutdown();
        ringer.shutdown();
        byCall.values().forEach(w -> {
            if (w.audio != null) {
                w.audio.close();
            }
        });
    }

    /**
     * @return the agents that are no users (outside numbers), read on the caller's thread: the users are the
     *         database's, and the queues' thread never waits on it; null when they cannot be read now
     */
    private Set<String> outsideAgents() {
        try {
            Set<String> out = new HashSet<>();
            for (CallQueue q : queues.queues()) {
                q.members().forEach(out::add);
                queues.logins(q.name()).forEach(l -> out.add(l.agent()));
            }
            out.removeIf(queues::isUser);
            return Set.copyOf(out);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot tell the queues' outside agents from their users now: " + e.getMessage());
            return null;
        }
    }

    /**
     * The queues or the logins changed: each line follows, on the queue's thread.
     *
     * @param outside the agents that are outside numbers, or null to keep those known
     */
    private void sync(Set<String> outside) {
        if (outside != null) {
            outsideAgents = outside;
        }
        Set<String> knownOutside = outsideAgents;
        Set<String> names = new HashSet<>();
        for (CallQueue q : queues.queues()) {
            names.add(q.name());
            Line line = lines.computeIfAbsent(q.name(), n -> new Line(q, calls, figures, clock, this::post,
                    ringer, this::later));
            line.define(q);
            line.levels(user -> q.skill() == null ? 0 : queues.level(user, q.skill()));
            line.outside(knownOutside::contains);
            line.present(queues.logins(q.name()));
        }
        lines.keySet().removeIf(n -> {
            if (!names.contains(n)) {
                lines.get(n).drain().forEach(w -> calls.hangUp(w.callId));
                return true;
            }
            return false;
        });
    }

    /** @return the class's music as it is now; the built-in music without the classes */
    private Clip music(String className) {
        MusicClasses classes = music;
        return classes == null ? Clip.music(MUSIC_RATE) : classes.music(className, MUSIC_RATE);
    }

    TargetAnswer offer(TargetCall call, String queue) {
        CallQueue q = queues.queue(queue).orElse(null);
        if (q == null) {
            return TargetAnswer.refuse(404, "No queue " + queue);
        }
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "A queue needs an SDP offer");
        }
        Waiting w = new Waiting(call.callId(), call.caller(), clock.instant());
        w.audio = new CallerAudio(w, prompts, () -> music(q.music()), q.announceSeconds(), q.callback(), clock);
        try {
            MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(), w.audio,
                    null, key -> key(call.callId(), (char) key), null);
            w.audio.start(leg);
            byCall.put(call.callId(), w);
            calls.tag(call.callId(), "queue", q.name());
            calls.tag(call.callId(), "queueOutcome", "abandoned"); // until the caller is answered or sent on
            LOG.log(Level.INFO, call.caller() + " waits in queue " + q.name() + " (call " + call.callId() + ")");
            later(() -> line(queue, l -> l.join(w)));
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "The queue cannot take this call: " + e.getMessage());
        }
    }

    /** The switch's answer on the caller's end: an agent answered, the caller left, or the server stops. */
    void ended(String callId, boolean byCaller, String queue) {
        Waiting w = byCall.get(callId);
        if (w == null) {
            return;
        }
        String agent = w.agent();
        if (!byCaller && w.ringing() != null && !w.callback) {
            // the agent's phone answered: the record says who, and after how long
            calls.tag(callId, "queueOutcome", "answered");
            if (agent != null) {
                calls.tag(callId, "agent", agent);
            }
            calls.tag(callId, "queueWait", String.valueOf(w.waitedSeconds(clock.instant())));
            later(() -> line(queue, l -> l.answered(callId)));
        } else if (w.callback) {
            later(() -> byCall.remove(callId)); // its place stays in the line
        } else if (byCaller) {
            later(() -> line(queue, l -> l.abandoned(callId)));
        } else if (!w.leaving) {
            later(() -> line(queue, l -> l.gone(callId)));
        }
        if (!w.callback) {
            byCall.remove(callId);
        }
        w.audio.close();
    }

    /** The phone of this agent answered the caller (the switch says so just before the call ends for the queue). */
    void answeredBy(String callId, String user) {
        Waiting w = byCall.get(callId);
        if (w != null) {
            w.answeredBy = user;
        }
    }

    /** @return whether the caller, whose agent did not answer, waits on in the line */
    boolean returned(String callId, int status, String queue) {
        Waiting w = byCall.get(callId);
        if (w == null || w.leaving || w.callback) {
            return false;
        }
        later(() -> line(queue, l -> l.missed(callId, status)));
        return true;
    }

    void key(String callId, char key) {
        Waiting w = byCall.get(callId);
        if (w != null && key == CALLBACK_KEY) {
            later(() -> lines.values().forEach(l -> l.callbackChosen(callId)));
        }
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(SipEvents.CALL_ID);
        if (id == null) {
            return;
        }
        String callId = id.toString();
        boolean answered = SipEvents.CALL_ANSWERED.equals(event.getTopic());
        later(() -> lines.values().forEach(l -> {
            if (answered) {
                l.callAnswered(callId);
            } else {
                l.callEnded(callId);
            }
        }));
    }

    QueueStatus status(String queue) {
        return call(() -> {
            Line l = lines.get(queue);
            if (l == null) {
                throw new IllegalArgumentException("No queue " + queue);
            }
            return l.status();
        });
    }

    /** Runs on the queues' thread, after what is queued there; nothing once the bundle stops. */
    private void later(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "The queues have stopped: " + e.getMessage());
        }
    }

    private void line(String queue, Consumer<Line> action) {
        Line l = lines.get(queue);
        if (l != null) {
            action.accept(l);
        }
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    private void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Runs on the queues' thread and waits for it: a caller of the API sees the state after its change. */
    private <T> T call(Callable<T> c) {
        try {
            return thread.submit(c).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("The queues' thread did not answer within 5 s");
        }
    }
}
