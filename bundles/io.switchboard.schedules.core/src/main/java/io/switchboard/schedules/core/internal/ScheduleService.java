package io.switchboard.schedules.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;
import io.switchboard.sip.api.schedule.ScheduleUsers;
import io.switchboard.sip.api.schedule.Schedules;
import io.switchboard.store.api.Store;

/**
 * The schedules, kept in the database and answered from memory: read again after each change here
 * and every few seconds for changes another server made. At its start it moves the time windows that
 * routes carried before schedules existed onto schedules of their own ({@link RouteWindows}).
 */
@Component(service = { Schedules.class, ScheduleService.class })
public class ScheduleService implements Schedules {

    private static final Logger LOG = System.getLogger(ScheduleService.class.getName());

    /** How soon a change another server made is followed here. */
    static final int REFRESH_SECONDS = 5;

    private final ScheduleTable table;
    private final RouteService routes;
    private final NumberService numbers;
    /** Groups, forwarding and the like: what else names schedules. */
    private final List<ScheduleUsers> others = new CopyOnWriteArrayList<>();
    private volatile Map<String, Week> weeks = Map.of();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-schedules-refresh");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ScheduleService(@Reference Store store, @Reference RouteService routes, @Reference NumberService numbers,
            BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.schedules.core.changelog.xml");
        this.table = new ScheduleTable(store.dataSource());
        this.routes = routes;
        this.numbers = numbers;
        reload();
        try {
            RouteWindows.move(routes, this);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot move the routes' time windows onto schedules; they are tried again at the "
                    + "next start: " + e.getMessage());
        }
        refresher.scheduleWithFixedDelay(this::reload, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        refresher.close(); // a reload running ends first: an interrupt would close H2's file under its write
    }

    /** Synchronized: a timer's read begun before a save must not land after the save's reload. */
    private synchronized void reload() {
        try {
            Map<String, Week> read = new LinkedHashMap<>();
            table.all().forEach((name, s) -> {
                try {
                    read.put(name, Week.of(s));
                } catch (IllegalArgumentException e) {
                    // stored by hand or by a newer version: closed, and said so, rather than guessed
                    LOG.log(Level.WARNING, "Schedule " + name + " cannot be read and counts as closed: "
                            + e.getMessage());
                }
            });
            weeks = Map.copyOf(read);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the schedules; the ones known stay: " + e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUsers(ScheduleUsers u) {
        others.add(u);
    }

    void removeUsers(ScheduleUsers u) {
        others.remove(u);
    }

    @Override
    public List<Schedule> schedules() {
        return weeks.values().stream().map(Week::schedule)
                .sorted(Comparator.comparing(Schedule::name)).toList();
    }

    @Override
    public Optional<Schedule> schedule(String name) {
        return Optional.ofNullable(weeks.get(name)).map(Week::schedule);
    }

    @Override
    public ScheduleState state(String name, Instant when) {
        Week w = name == null ? null : weeks.get(name);
        return w == null ? new ScheduleState(name, false, "closed: no schedule named " + name) : w.state(when);
    }

    @Override
    public ScheduleState state(Schedule schedule, Instant when) {
        return Week.of(schedule).state(when);
    }

    @Override
    public Schedule save(Schedule schedule) {
        Week.of(schedule);
        table.put(schedule);
        reload();
        LOG.log(Level.INFO, "Schedule " + schedule.name() + " saved: " + schedule.hours().size() + " line(s) of hours, "
                + schedule.holidays().size() + " holiday(s), " + schedule.timeZone());
        return schedule(schedule.name()).orElse(schedule);
    }

    @Override
    public boolean delete(String name) {
        List<String> users = new ArrayList<>();
        routes.routes().stream().filter(r -> name.equals(r.schedule())).forEach(r -> users.add("route " + r.name()));
        numbers.numbers().stream().filter(n -> name.equals(n.schedule())).forEach(n -> users.add("number " + n.number()));
        for (ScheduleUsers u : others) {
            users.addAll(u.using(name));
        }
        if (!users.isEmpty()) {
            throw new IllegalStateException("Schedule " + name + " is in use by " + String.join(", ", users));
        }
        boolean deleted = table.delete(name);
        reload();
        return deleted;
    }
}
