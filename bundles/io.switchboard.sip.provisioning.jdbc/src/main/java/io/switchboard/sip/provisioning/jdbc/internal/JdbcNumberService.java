package io.switchboard.sip.provisioning.jdbc.internal;

import static io.switchboard.sip.provisioning.jdbc.internal.Fields.blankToNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.store.api.StoreException;

/** The number inventory in {@code sb_sip_number}. */
@Component(service = NumberService.class)
public class JdbcNumberService implements NumberService {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final String COLUMNS = "number, destination, description, emergency_address, tags, schedule, "
            + "closed_destination, state, carrier, monthly_cost, port_date, release_date, version";
    /** A write that met another transaction's: a duplicate number, H2's concurrent update, a serialization failure. */
    private static final Set<String> CONFLICTS = Set.of("23505", "90131", "40001");

    private final ProvisioningDatabase db;
    /** Every call and message from a trunk reads its number; changes here forget it at once. */
    private final UserCache<PhoneNumber> cache = new UserCache<>();
    private final LastKnown<String, Optional<String>> numbersOf = new LastKnown<>();

    @Activate
    public JdbcNumberService(@Reference ProvisioningDatabase db) {
        this.db = db;
    }

    @Override
    public List<PhoneNumber> numbers() {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_number ORDER BY number", ps -> {
        }, JdbcNumberService::number);
    }

    @Override
    public Optional<PhoneNumber> number(String number) {
        return cache.get(number, () -> read(number));
    }

    /** @return the number as the database has it now, for checking a change against it */
    private Optional<PhoneNumber> read(String number) {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_number WHERE number = ?",
                ps -> ps.setString(1, number), JdbcNumberService::number).stream().findFirst();
    }

    @Override
    public Optional<String> problem(PhoneNumber d) {
        if (d.number() == null || !E164.matcher(d.number()).matches()) {
            return Optional.of("number '" + d.number() + "' is not E.164 (+ and 7 to 15 digits)");
        }
        if (d.destination() != null && !d.destination().isBlank()
                && !JdbcUserService.USERNAME.matcher(d.destination()).matches()) {
            return Optional.of("destination '" + d.destination() + "' is not a user name");
        }
        if (d.emergencyAddress() != null && d.emergencyAddress().length() > 1000) {
            return Optional.of("emergencyAddress is longer than 1000 characters");
        }
        Optional<String> lifecycle = NumberLifecycles.problem(d.lifecycle());
        return lifecycle.isPresent() ? lifecycle
                : NumberLifecycles.transition(read(d.number()).map(PhoneNumber::lifecycle).orElse(null), d);
    }

    @Override
    public void save(List<PhoneNumber> numbers) {
        for (PhoneNumber d : numbers) {
            problem(d).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        for (int attempt = 1;; attempt++) {
            List<Long> before = write(numbers, null);
            if (before != null) {
                saved(numbers, before);
                return;
            }
            if (attempt == 3) {
                throw new StoreException("Cannot save numbers: other changes of them kept landing meanwhile", null);
            }
        }
    }

    @Override
    public PhoneNumber save(PhoneNumber d, long expected) {
        problem(d).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        for (int attempt = 1;; attempt++) {
            List<Long> before = write(List.of(d), expected);
            if (before != null) {
                saved(List.of(d), before);
                return read(d.number()).orElseThrow();
            }
            // another change or a delete landed since the version was read: refused, or read again when the
            // change was made against whatever is stored
            if (expected >= 0 || attempt == 3) {
                cache.forget(d.number()); // another server's change: read it again
                throw Fields.stale("Number " + d.number(), expected, version(d.number()));
            }
        }
    }

    /**
     * Replaces each number at the version stored when it is read (or, for one number, at {@code expected}) with
     * the number at the next version, all in one transaction.
     *
     * @return the versions replaced (0: created), or null, and nothing written, when a number was not at its
     *         version (changed, deleted or made meanwhile)
     */
    private List<Long> write(List<PhoneNumber> numbers, Long expected) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement get = c.prepareStatement("SELECT version FROM sb_sip_number WHERE number = ?");
                    PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_number WHERE number = ? AND "
                            + "version = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_sip_number (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                List<Long> before = new ArrayList<>();
                for (PhoneNumber d : numbers) {
                    get.setString(1, d.number());
                    long stored;
                    try (ResultSet rs = get.executeQuery()) {
                        stored = rs.next() ? rs.getLong(1) : 0;
                    }
                    if (expected != null && expected >= 0 && stored != expected) {
                        c.rollback();
                        return null;
                    }
                    del.setString(1, d.number());
                    del.setLong(2, stored);
                    if (del.executeUpdate() != (stored == 0 ? 0 : 1)) {
                        c.rollback();
                        return null;
                    }
                    bind(ins, d, stored + 1);
                    ins.executeUpdate();
                    before.add(stored);
                }
                c.commit();
                return before;
            } catch (SQLException e) {
                c.rollback();
                if (CONFLICTS.contains(e.getSQLState())) {
                    return null;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save numbers: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ins, PhoneNumber d, long version) throws SQLException {
        ins.setString(1, d.number());
        ins.setString(2, blankToNull(d.destination()));
        ins.setString(3, blankToNull(d.description()));
        ins.setString(4, blankToNull(d.emergencyAddress()));
        ins.setString(5, String.join(",", d.tags()));
        ins.setString(6, blankToNull(d.schedule()));
        ins.setString(7, blankToNull(d.closedDestination()));
        NumberLifecycle l = d.lifecycle();
        ins.setString(8, l.state().name());
        ins.setString(9, blankToNull(l.carrier()));
        ins.setBigDecimal(10, l.monthlyCost());
        ins.setObject(11, l.portDate());
        ins.setObject(12, l.releaseDate());
        ins.setLong(13, version);
    }

    private void saved(List<PhoneNumber> numbers, List<Long> before) {
        numbers.forEach(d -> cache.forget(d.number()));
        numbersOf.clear(); // a number may have moved from one user to another
        for (int i = 0; i < numbers.size(); i++) {
            db.changed(ProvisioningEvents.NUMBER, before.get(i) > 0 ? ProvisioningEvents.CHANGED
                    : ProvisioningEvents.CREATED, numbers.get(i).number());
        }
    }

    /** @return the stored number's version, 0 when there is none */
    private long version(String number) {
        return Sql.query(db.dataSource(), "SELECT version FROM sb_sip_number WHERE number = ?",
                ps -> ps.setString(1, number), rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
    }

    @Override
    public Optional<String> numberOf(String user) {
        return numbersOf.read(user, () -> Sql.query(db.dataSource(), "SELECT number FROM sb_sip_number WHERE"
                + " destination = ? ORDER BY number", ps -> ps.setString(1, user), rs -> rs.getString(1))
                .stream().findFirst());
    }

    /** @throws IllegalArgumentException for a number in service: it goes through quarantine first */
    @Override
    public boolean delete(String number) {
        Optional<PhoneNumber> was = read(number);
        if (was.isPresent() && !NumberLifecycles.removable(was.get().lifecycle().state())) {
            throw new IllegalArgumentException("Number " + number + " is " + was.get().lifecycle().state()
                    + ": only a reserved or released number leaves the inventory (quarantine it first)");
        }
        boolean gone = Sql.update(db.dataSource(), "DELETE FROM sb_sip_number WHERE number = ?", number) > 0;
        cache.forget(number);
        numbersOf.clear();
        if (gone) {
            db.changed(ProvisioningEvents.NUMBER, ProvisioningEvents.DELETED, number);
        }
        return gone;
    }

    private static PhoneNumber number(ResultSet rs) throws SQLException {
        return new PhoneNumber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Fields.list(rs.getString(5)), rs.getString(6), rs.getString(7), new NumberLifecycle(
                        NumberState.valueOf(rs.getString(8)), rs.getString(9), rs.getBigDecimal(10),
                        rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class)), rs.getLong(13));
    }
}
