package io.switchboard.callback.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.callback.core.internal.CallbackTable.Callback;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.schedule.Schedules;
import io.switchboard.store.api.Store;

/**
 * Callbacks and scheduled calls, kept in the database so that they survive a restart and any server
 * places them: each server looks for due ones, claims an attempt in one conditional update and
 * places it as a click-to-call (the user's phone first). The call's end settles the attempt:
 * answered is done (a repeated call is due again), else it is tried again later or given up. A
 * callback is cancelled instead when the two have spoken since it was asked for, and waits while its
 * schedule is closed.
 */
@Component(service = { CallbackService.class, EventHandler.class }, configurationPid = CallbackSettings.PID,
        property = EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_ENDED)
@Designate(ocd = CallbackSettings.class)
public class CallbackService implements EventHandler {

    private static final Logger LOG = System.getLogger(CallbackService.class.getName());
    static final String CALLBACK = "callback";
    static final String SCHEDULED = "scheduled";

    private final CallbackTable table;
    private final CallControl calls;
    private final CallbackSettings settings;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("switchboard-callbacks").unstarted(r));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CdrService records;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Schedules schedules;

    @Activate
    public CallbackService(CallbackSettings settings, @Reference Store store, @Reference CallControl calls,
            BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.callback.core.changelog.xml");
        this.table = new CallbackTable(store.dataSource());
        this.calls = calls;
        this.settings = settings;
        int every = Math.max(1, settings.pollSeconds());
        runner.scheduleWithFixedDelay(this::placeDue, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        runner.shutdownNow();
    }

    /**
     * @param due when, or null for now (a callback: as soon as the schedule allows)
     * @param repeatDays 0 for once, 1 daily, 7 weekly (scheduled calls)
     * @throws IllegalArgumentException naming what will not do
     */
    Callback ask(String kind, String user, String number, String name, Instant due, int repeatDays, String schedule,
            Integer maxAttempts, Integer retryMinutes, String by) {
        if (user == null || !user.matches("[A-Za-z0-9._@+-]{1,64}") || number == null || number.isBlank()
                || number.length() > 64) {
            throw new IllegalArgumentException("Give the user whose phone rings first and the number (up to 64 "
                    + "characters) to call");
        }
        if (repeatDays != 0 && repeatDays != 1 && repeatDays != 7) {
            throw new IllegalArgumentException("repeat must be none, daily or weekly");
        }
        if (schedule != null && schedules != null && schedules.schedule(schedule).isEmpty()) {
            throw new IllegalArgumentException("No schedule '" + schedule + "'");
        }
        // judged now, as the user dialling it: a number the user may not call is refused to whoever asks
        String refusal = calls.refusal(user, number.strip());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        int attempts = maxAttempts == null ? settings.maxAttempts() : maxAttempts;
        int retry = retryMinutes == null ? settings.retryMinutes() : retryMinutes;
        if (attempts < 1 || attempts > 20 || retry < 1 || retry > 1440) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 20 and retryMinutes 1 to 1440");
        }
        Instant now = Instant.now();
        long id = table.insert(kind, user, number.strip(), name, due == null ? now : due, repeatDays, schedule, attempts,
                retry, now, by);
        return table.get(id).orElseThrow();
    }

    /** @return the call record a callback is asked from (a missed call), when the call records run */
    Optional<CallRecord> record(String id) {
        CdrService cdr = records;
        if (cdr == null) {
            throw new IllegalArgumentException("The call records are not running: give the number instead");
        }
        return cdr.get(id);
    }

    List<Callback> list(int limit) {
        return table.list(limit);
    }

    Optional<Callback> get(long id) {
        return table.get(id);
    }

    boolean cancel(long id, String by) {
        return table.cancel(id, Instant.now() + " cancelled by " + by);
    }

    /** Places the attempts that are due, each claimed first; runs on the callbacks' thread. */
    void placeDue() {
        try {
            Instant now = Instant.now();
            for (Callback c : table.due(now, 20)) {
                if (c.schedule() != null && !open(c.schedule(), now)) {
                    continue; // it waits for the schedule to open; asked again at the next look
                }
                if (!table.claim(c, now, now.plusSeconds(Math.max(60, settings.leaseSeconds())))) {
                    continue; // another server has it
                }
                place(c, now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Callbacks not placed: " + e.getMessage());
        }
    }

    private void place(Callback c, Instant now) {
        int attempt = c.attempts() + 1; // the claim counted it
        if (c.kind().equals(CALLBACK)) {
            Optional<CallRecord> spoken = spokenSince(c);
            if (spoken.isPresent()) {
                table.settle(c.id(), CallbackTable.CANCELLED, null, attempt - 1, now + " cancelled: " + c.user() + " and "
                        + c.number() + " spoke at " + spoken.get().answer());
                return;
            }
        }
        String refusal = calls.refusal(c.user(), c.number());
        if (refusal != null) {
            // a refusal stays one until an admin changes the rules: trying again would only ring the user again
            table.settle(c.id(), CallbackTable.FAILED, null, attempt, now + " refused: " + refusal + "; given up");
            return;
        }
        try {
            String callId = calls.connect(c.user(), c.number(), c.name());
            table.calling(c.id(), callId);
            LOG.log(Level.INFO, "{0} {1}: attempt {2} of {3}, {4} to {5}", c.kind(), c.id(), attempt, c.maxAttempts(),
                    c.user(), c.number());
        } catch (RuntimeException e) {
            settleFailed(c, attempt, now + " attempt " + attempt + ": " + e.getMessage());
        }
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(SipEvents.CALL_ID);
        if (id == null) {
            return;
        }
        runner.execute(() -> {
            try {
                table.byCall(id.toString()).ifPresent(c -> ended(c, event));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Callback of call " + id + " not settled: " + e.getMessage());
            }
        });
    }

    private void ended(Callback c, Event event) {
        Instant now = Instant.now();
        String disposition = String.valueOf(event.getProperty(SipEvents.DISPOSITION));
        String line = now + " attempt " + c.attempts() + ": " + disposition.toLowerCase(Locale.ROOT)
                + (event.getProperty(SipEvents.SIP_CODE) == null ? "" : " (" + event.getProperty(SipEvents.SIP_CODE) + ")");
        if (Disposition.ANSWERED.name().equals(disposition)) {
            if (c.repeatDays() > 0) {
                Instant next = c.due();
                while (!next.isAfter(now)) {
                    next = next.plus(Duration.ofDays(c.repeatDays()));
                }
                table.settle(c.id(), CallbackTable.PENDING, next, 0, line + "; next " + next);
            } else {
                table.settle(c.id(), CallbackTable.DONE, null, c.attempts(), line);
            }
            return;
        }
        settleFailed(c, c.attempts(), line);
    }

    private void settleFailed(Callback c, int attempts, String line) {
        if (attempts >= c.maxAttempts()) {
            table.settle(c.id(), CallbackTable.FAILED, null, attempts, line + "; given up");
        } else {
            Instant next = Instant.now().plus(Duration.ofMinutes(c.retryMinutes()));
            table.settle(c.id(), CallbackTable.PENDING, next, attempts, line + "; again at " + next);
        }
    }

    private boolean open(String schedule, Instant now) {
        Schedules s = schedules;
        return s == null || s.state(schedule, now).open();
    }

    /** @return an answered call between the two since the callback was asked for, either way round */
    private Optional<CallRecord> spokenSince(Callback c) {
        CdrService cdr = records;
        if (cdr == null) {
            return Optional.empty();
        }
        String n = "\"" + c.number().replace("\"", "") + "\"";
        String q = "disposition:ANSWERED AND ((caller:\"" + c.user() + "\" AND callee:" + n + ") OR caller:" + n + ")";
        try {
            return cdr.search(new CdrQuery(q, null, true, 0, 20, List.of())).records().stream()
                    .filter(r -> r.answer() != null && r.answer().isAfter(c.requested())).findFirst();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Callback " + c.id() + ": cannot look for a call between " + c.user() + " and "
                    + c.number() + " (" + e.getMessage() + "); placed anyway");
            return Optional.empty();
        }
    }
}
