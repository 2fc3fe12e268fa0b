package io.switchboard.sip.provisioning.jdbc.internal;

import static io.switchboard.sip.provisioning.jdbc.internal.Fields.blankToNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
            + "closed_destination, state, carrier, monthly_cost, port_date, release_date";

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
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_number WHERE number = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_sip_number (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PhoneNumber d : numbers) {
                    del.setString(1, d.number());
                    del.addBatch();
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
                    ins.addBatch();
                }
                int[] deleted = del.executeBatch();
                ins.executeBatch();
                c.commit();
                numbers.forEach(d -> cache.forget(d.number()));
                numbersOf.clear(); // a number may have moved from one user to another
                for (int i = 0; i < numbers.size(); i++) {
                    db.changed(ProvisioningEvents.NUMBER, deleted[i] > 0 ? ProvisioningEvents.CHANGED
                            : ProvisioningEvents.CREATED, numbers.get(i).number());
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save numbers: " + e.getMessage(), e);
        }
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
                        rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class)));
    }
}
