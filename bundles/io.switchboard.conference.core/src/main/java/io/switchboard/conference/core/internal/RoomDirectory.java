package io.switchboard.conference.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.switchboard.conference.api.Room;
import io.switchboard.sip.api.calltarget.CallTarget;

/**
 * The rooms as the database has them, read again on every change and every 10 s (so that every
 * server knows them), each registered as a call target named by its number.
 */
final class RoomDirectory {

    private static final Logger LOG = System.getLogger(RoomDirectory.class.getName());

    private final RoomTable table;
    private final BundleContext context;
    private final Function<String, CallTarget> target;
    private final BiConsumer<String, Room> changed;
    private final Consumer<String> gone;
    private final Map<String, ServiceRegistration<CallTarget>> targets = new ConcurrentHashMap<>();
    private volatile Map<String, RoomTable.Row> rooms = Map.of();

    /**
     * @param target makes the call target of a room's number
     * @param changed told of each room as read, for a bridge of it to take its settings
     * @param gone told of a room deleted, whose calls end
     */
    RoomDirectory(RoomTable table, BundleContext context, Function<String, CallTarget> target,
            BiConsumer<String, Room> changed, Consumer<String> gone) {
        this.table = table;
        this.context = context;
        this.target = target;
        this.changed = changed;
        this.gone = gone;
    }

    RoomTable table() {
        return table;
    }

    /** Reads the rooms again: a call target for each new one, none for those gone. */
    synchronized void sync() {
        try {
            Map<String, RoomTable.Row> now = new HashMap<>();
            table.all().forEach(r -> now.put(r.room().number(), r));
            rooms = Map.copyOf(now);
            now.forEach((number, row) -> {
                targets.computeIfAbsent(number, n -> {
                    Dictionary<String, Object> props = new Hashtable<>();
                    props.put(CallTarget.NAME, n);
                    return context.registerService(CallTarget.class, target.apply(n), props);
                });
                changed.accept(number, row.room());
            });
            targets.keySet().removeIf(number -> {
                if (now.containsKey(number)) {
                    return false;
                }
                targets.get(number).unregister();
                gone.accept(number);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the conference rooms: " + e.getMessage());
        }
    }

    RoomTable.Row row(String number) {
        return rooms.get(number);
    }

    List<Room> all() {
        return rooms.values().stream().map(RoomTable.Row::room).sorted(Comparator.comparing(Room::number)).toList();
    }

    void close() {
        targets.values().forEach(ServiceRegistration::unregister);
        targets.clear();
    }
}
