package io.switchboard.sip.admin.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.switchboard.mgmt.api.CsvCells;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.PhoneNumber;

/**
 * The number inventory as CSV, for bulk changes in a spreadsheet: a header line naming the columns
 * {@code number,destination,description,emergencyAddress,tags} (tags separated by {@code ;}) and the
 * lifecycle's {@code state,carrier,monthlyCost,portDate,releaseDate}; a lifecycle column left out or
 * empty keeps what is stored.
 * Numbers may be written as dialled; they are stored in E.164. Import keeps every good line and
 * reports each bad one with its line number.
 */
public final class NumbersCsv {

    static final String[] COLUMNS = { "number", "destination", "description", "emergencyAddress", "tags", "state",
        "carrier", "monthlyCost", "portDate", "releaseDate" };

    /** What an import did. */
    record Report(int saved, List<Map<String, Object>> errors) {
    }

    private NumbersCsv() {
    }

    /**
     * @param destinationProblem why calls cannot go to a destination (as for one number through the
     *        API: a user, a group, a call target, {@code voicemail:USER}), or null when they can
     */
    static Report read(Reader in, Function<String, String> e164, Function<String, String> destinationProblem,
            NumberService provisioning) throws IOException {
        List<PhoneNumber> good = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            if (!parser.getHeaderMap().containsKey("number")) {
                throw new IllegalArgumentException("The first line must name the columns: " + String.join(",", COLUMNS));
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    String raw = get(r, "number");
                    String number = raw == null ? null : e164.apply(raw);
                    if (number == null) {
                        throw new IllegalArgumentException("number '" + raw + "' is not a telephone number");
                    }
                    String destination = get(r, "destination");
                    String unreachable = destination == null ? null : destinationProblem.apply(destination);
                    if (unreachable != null) {
                        throw new IllegalArgumentException("destination '" + destination + "': " + unreachable);
                    }
                    String tags = get(r, "tags");
                    Optional<PhoneNumber> stored = provisioning.number(number);
                    PhoneNumber d = new PhoneNumber(number, destination, get(r, "description"),
                            get(r, "emergencyAddress"), tags == null ? List.of()
                                    : Arrays.stream(tags.split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
                            stored.map(PhoneNumber::schedule).orElse(null),
                            stored.map(PhoneNumber::closedDestination).orElse(null),
                            NumberFields.lifecycle(c -> get(r, c), c -> false,
                                    stored.map(PhoneNumber::lifecycle).orElse(null)));
                    Optional<String> problem = provisioning.problem(d);
                    if (problem.isPresent()) {
                        throw new IllegalArgumentException(problem.get());
                    }
                    good.add(d);
                } catch (IllegalArgumentException e) {
                    Map<String, Object> err = new LinkedHashMap<>();
                    err.put("line", line);
                    err.put("error", e.getMessage());
                    errors.add(err);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        provisioning.save(good);
        return new Report(good.size(), errors);
    }

    static void write(List<PhoneNumber> numbers, Writer out) throws IOException {
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (PhoneNumber d : numbers) {
                var l = d.lifecycle();
                p.printRecord(CsvCells.safe(d.number()), CsvCells.safe(d.destination()), CsvCells.safe(d.description()),
                        CsvCells.safe(d.emergencyAddress()), CsvCells.safe(String.join(";", d.tags())), l.state().id(),
                        CsvCells.safe(l.carrier()), l.monthlyCost() == null ? null : l.monthlyCost().toPlainString(),
                        l.portDate(), l.releaseDate());
            }
        }
    }

    private static String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = CsvCells.unescape(r.get(column));
        return v == null || v.isBlank() ? null : v;
    }
}
