package com.acme.switchboard.lcr;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A carrier rate deck: the price per minute of each trunk by destination prefix, as carriers send
 * them, in CSV with the header {@code trunk,prefix,rate} ({@code carrier-a,+44,0.0120}). The longest
 * prefix of the number decides. Bad lines are reported with their line number; the good ones are kept.
 */
final class RateTable {

    /** A line that could not be read, and why. */
    record Problem(long line, String message) {
    }

    private final Map<String, NavigableMap<String, BigDecimal>> byTrunk;
    private final List<Problem> problems;

    private RateTable(Map<String, NavigableMap<String, BigDecimal>> byTrunk, List<Problem> problems) {
        this.byTrunk = byTrunk;
        this.problems = List.copyOf(problems);
    }

    static RateTable read(Reader in) throws IOException {
        Map<String, NavigableMap<String, BigDecimal>> rates = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (String column : List.of("trunk", "prefix", "rate")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException("The rate table's first line must be trunk,prefix,rate");
                }
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                String trunk = r.isSet("trunk") ? r.get("trunk") : "";
                String prefix = r.isSet("prefix") ? r.get("prefix") : "";
                if (trunk.isEmpty() || !prefix.matches("\\+?[0-9]{1,15}")) {
                    problems.add(new Problem(line, "needs a trunk and a prefix of digits, optionally with +"));
                    continue;
                }
                try {
                    BigDecimal rate = new BigDecimal(r.isSet("rate") ? r.get("rate") : "");
                    if (rate.signum() < 0) {
                        throw new NumberFormatException();
                    }
                    rates.computeIfAbsent(trunk, t -> new TreeMap<>()).put(prefix, rate);
                } catch (NumberFormatException e) {
                    problems.add(new Problem(line, "rate '" + (r.isSet("rate") ? r.get("rate") : "")
                            + "' is not a price per minute like 0.0120"));
                }
            }
        }
        return new RateTable(rates, problems);
    }

    /** @return the trunk's price per minute for the number (its longest matching prefix), or null */
    BigDecimal rate(String trunk, String number) {
        NavigableMap<String, BigDecimal> prefixes = byTrunk.get(trunk);
        if (prefixes == null || number == null) {
            return null;
        }
        for (int end = number.length(); end > 0; end--) {
            BigDecimal rate = prefixes.get(number.substring(0, end));
            if (rate != null) {
                return rate;
            }
        }
        return null;
    }

    List<Problem> problems() {
        return problems;
    }

    int trunks() {
        return byTrunk.size();
    }
}
