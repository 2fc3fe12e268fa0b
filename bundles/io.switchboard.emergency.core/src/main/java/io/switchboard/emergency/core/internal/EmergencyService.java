package io.switchboard.emergency.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.emergency.api.Assignment;
import io.switchboard.emergency.api.DispatchLocation;
import io.switchboard.emergency.api.EmergencyCaller;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.emergency.api.Location;
import io.switchboard.emergency.api.NomadicUser;
import io.switchboard.sip.api.Registrations;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.store.api.Store;

/**
 * The address book of dispatchable locations, where each applies, and the location of each emergency
 * call, resolved in the admin's order from the phone's network, its user and its number. Everything
 * is read from the database at each call, so every server of a cluster sends the same address. It
 * watches registrations: a nomadic user's phone that registers from a known network confirms that
 * network's location, and one from an unknown network is flagged.
 */
@Component(service = { EmergencyLocations.class, EmergencyService.class, EventHandler.class },
        configurationPid = EmergencySettings.PID,
        property = EventConstants.EVENT_TOPIC + "=" + SipEvents.REGISTRATION_TOPIC_PREFIX + "REGISTERED")
@Designate(ocd = EmergencySettings.class)
public class EmergencyService implements EmergencyLocations, EventHandler {

    private static final Logger LOG = System.getLogger(EmergencyService.class.getName());
    private static final Set<String> KINDS = Set.of(Assignment.NETWORK, Assignment.USER, Assignment.NUMBER);

    private final LocationTable table;
    private final NomadicTable nomadic;
    private final UserService users;
    private final NumberService numbers;
    /** Where each user's phone last registered from, as this server saw it: used while the switch is not running. */
    private final Map<String, InetAddress> lastSource = new ConcurrentHashMap<>();
    /** The registrations the database holds: the same on every server, and after a restart. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Registrations registrations;
    private volatile EmergencySettings settings;
    private volatile List<String> order;

    @Activate
    public EmergencyService(EmergencySettings settings, @Reference Store store, @Reference UserService users,
            @Reference NumberService numbers, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.emergency.core.changelog.xml");
        this.table = new LocationTable(store.dataSource());
        this.nomadic = new NomadicTable(store.dataSource());
        this.users = users;
        this.numbers = numbers;
        modified(settings);
    }

    /** @throws IllegalArgumentException naming a bad setting; the ones before stay */
    @Modified
    void modified(EmergencySettings s) {
        List<String> o = new ArrayList<>();
        for (String k : s.resolutionOrder()) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (!KINDS.contains(kind) || o.contains(kind)) {
                throw new IllegalArgumentException("Invalid setting " + EmergencySettings.PID + " resolutionOrder entry '"
                        + k + "': network, user or number, each once");
            }
            o.add(kind);
        }
        this.order = List.copyOf(o);
        this.settings = s;
    }

    @Override
    public DispatchLocation locate(EmergencyCaller caller) {
        Optional<NomadicUser> moving = caller.user() == null ? Optional.empty() : nomadic.get(caller.user());
        for (String kind : order) {
            Optional<String> found = Optional.empty();
            String how = null;
            if (kind.equals(Assignment.NETWORK) && caller.source() != null) {
                Assignment net = network(caller.source());
                found = Optional.ofNullable(net).map(Assignment::location);
                how = net == null ? null : "network " + net.key();
            } else if (kind.equals(Assignment.USER) && caller.user() != null && !awayFromKnownNetworks(moving, caller)) {
                found = table.assigned(Assignment.USER, caller.user());
                how = "user " + caller.user();
            } else if (kind.equals(Assignment.NUMBER) && caller.number() != null && !awayFromKnownNetworks(moving, caller)) {
                found = table.assigned(Assignment.NUMBER, caller.number());
                how = "number " + caller.number();
            }
            Optional<Location> l = found.flatMap(table::get);
            if (l.isPresent()) {
                return located(caller, l.get(), how);
            }
        }
        Optional<Location> confirmed = moving.map(NomadicUser::confirmedLocation).flatMap(table::get);
        if (confirmed.isPresent()) {
            return located(caller, confirmed.get(), "last confirmed for nomadic user " + caller.user()
                    + (moving.get().unknownNetwork() ? " (now on an unknown network)" : ""));
        }
        return new DispatchLocation(null, null, "no location: nothing in the address book applies to "
                + caller.user() + (caller.source() == null ? "" : " from " + caller.source().getHostAddress()),
                caller.number(), null);
    }

    /** A nomadic user on no known network may be anywhere: its own address and its number's are not to be trusted. */
    private boolean awayFromKnownNetworks(Optional<NomadicUser> moving, EmergencyCaller caller) {
        return moving.isPresent() && (caller.source() == null || network(caller.source()) == null);
    }

    private DispatchLocation located(EmergencyCaller caller, Location l, String how) {
        String callback = l.elin() != null ? l.elin() : caller.number();
        String entity = "pres:" + (caller.user() == null ? "anonymous" : caller.user()) + "@" + settings.domain().trim();
        return new DispatchLocation(l, CivicAddresses.line(l.address()), how, callback,
                PidfLo.of(entity, l.address(), "Manual", Instant.now()));
    }

    /** @return the assignment of the most specific network that holds the address, or null */
    private Assignment network(InetAddress source) {
        Assignment best = null;
        int bits = -1;
        for (Assignment a : table.assignments(Assignment.NETWORK)) {
            Cidr c = Cidr.parse(a.key());
            if (c.bits() > bits && c.contains(source)) {
                best = a;
                bits = c.bits();
            }
        }
        return best;
    }

    @Override
    public boolean takesLocation(String trunk) {
        for (String t : settings.locationTrunks()) {
            if (t.trim().equals(trunk)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Location> locations() {
        return table.all();
    }

    @Override
    public Optional<Location> location(String name) {
        return table.get(name);
    }

    @Override
    public Location save(Location location) {
        Location clean = CivicAddresses.check(location);
        table.save(clean);
        return clean;
    }

    @Override
    public boolean delete(String name) {
        List<Assignment> using = table.assignments().stream().filter(a -> a.location().equals(name)).toList();
        if (!using.isEmpty()) {
            throw new IllegalArgumentException("Location " + name + " is assigned to " + using.get(0).kind() + " "
                    + using.get(0).key() + (using.size() > 1 ? " and " + (using.size() - 1) + " more" : "")
                    + ": assign those elsewhere first");
        }
        return table.delete(name);
    }

    @Override
    public List<Assignment> assignments() {
        return table.assignments();
    }

    @Override
    public Assignment assign(Assignment a) {
        String kind = a.kind() == null ? "" : a.kind().trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("Invalid kind '" + a.kind() + "': network, user or number");
        }
        String key = a.key() == null ? "" : a.key().trim();
        switch (kind) {
            case Assignment.NETWORK -> key = Cidr.parse(key).toString();
            case Assignment.USER -> {
                if (users.user(key).isEmpty()) {
                    throw new IllegalArgumentException("No user " + key);
                }
            }
            default -> {
                if (!key.matches("\\+[1-9][0-9]{6,14}")) {
                    throw new IllegalArgumentException("Invalid number '" + key + "': E.164 form, +15125550100");
                }
            }
        }
        if (a.location() == null || table.get(a.location()).isEmpty()) {
            throw new IllegalArgumentException("No location " + a.location() + " in the address book");
        }
        Assignment clean = new Assignment(kind, key, a.location());
        table.assign(clean);
        return clean;
    }

    @Override
    public boolean unassign(String kind, String key) {
        return table.unassign(kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT), key);
    }

    @Override
    public List<NomadicUser> nomadicUsers() {
        return nomadic.all();
    }

    @Override
    public void nomadic(String user, boolean moves) {
        if (moves && users.user(user).isEmpty()) {
            throw new IllegalArgumentException("No user " + user);
        }
        nomadic.mark(user, moves);
    }

    /** Sets the location confirmed for a nomadic user (the admin's, or the user's own word). */
    void confirm(String user, String location) {
        if (nomadic.get(user).isEmpty()) {
            throw new IllegalArgumentException("User " + user + " is not nomadic");
        }
        if (location != null && table.get(location).isEmpty()) {
            throw new IllegalArgumentException("No location " + location + " in the address book");
        }
        nomadic.confirm(user, location);
    }

    @Override
    public List<String> unlocated() {
        List<String> out = new ArrayList<>();
        for (var u : users.users()) {
            if (!u.enabled() || u.username().startsWith("switchboard-")) {
                continue; // the server's own accounts (conference invitations) place no emergency calls
            }
            String number = numbers.numberOf(u.username()).orElse(null);
            if (locate(new EmergencyCaller(u.username(), number, lastSource(u.username()))).location() == null) {
                out.add(u.username());
            }
        }
        return out;
    }

    /** @return where the user's phone last registered from, or null */
    InetAddress lastSource(String user) {
        Registrations current = registrations;
        if (current == null) {
            return lastSource.get(user);
        }
        for (String source : current.sources(user)) {
            try {
                return address(source);
            } catch (UnknownHostException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Registration of " + user + " from " + source + " not placed: " + e);
            }
        }
        return null;
    }

    /** @param source transport:address:port, the packet's real source */
    private static InetAddress address(String source) throws UnknownHostException {
        String host = source.substring(source.indexOf(':') + 1, source.lastIndexOf(':')).replace("[", "")
                .replace("]", "");
        return InetAddress.getByName(host);
    }

    @Override
    public void handleEvent(Event event) {
        Object user = event.getProperty(SipEvents.USER);
        Object source = event.getProperty(SipEvents.SOURCE);
        if (user == null || source == null) {
            return;
        }
        try {
            InetAddress from = address(source.toString());
            lastSource.put(user.toString(), from);
            if (nomadic.get(user.toString()).isPresent()) {
                Assignment net = network(from);
                nomadic.seen(user.toString(), from.getHostAddress(), net == null ? null : net.location(), Instant.now());
                if (net == null) {
                    LOG.log(Level.WARNING, "Nomadic user " + user + " registered from " + from.getHostAddress()
                            + ", in no network of the address book: its emergency calls use its last confirmed location");
                }
            }
        } catch (UnknownHostException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Registration of " + user + " from " + source + " not placed: " + e);
        }
    }
}
