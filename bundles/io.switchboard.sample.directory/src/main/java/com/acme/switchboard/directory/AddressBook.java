package com.acme.switchboard.directory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.property.Organization;
import ezvcard.property.Telephone;
import ezvcard.property.Url;
import io.switchboard.directory.api.Contact;

/**
 * Contacts by number, read from CSV ({@code number,name,company,link}) or vCard files (FN, ORG,
 * TEL, URL), as CRMs and mail clients export them. Numbers are kept as written once spaces,
 * dashes, dots, brackets and a {@code tel:} prefix are taken out: write them in E.164
 * ({@code +12125550100}) to match what the switch asks. Bad entries are reported with their line
 * or card number; the good ones are kept.
 */
final class AddressBook {

    /** An entry that could not be read, and why. */
    record Problem(String where, String message) {
    }

    private final Map<String, Contact> byNumber;
    private final List<Problem> problems;

    private AddressBook(Map<String, Contact> byNumber, List<Problem> problems) {
        this.byNumber = Map.copyOf(byNumber);
        this.problems = List.copyOf(problems);
    }

    static AddressBook empty() {
        return new AddressBook(Map.of(), List.of());
    }

    Optional<Contact> find(String number) {
        String n = number(number);
        return n == null ? Optional.empty() : Optional.ofNullable(byNumber.get(n));
    }

    int size() {
        return byNumber.size();
    }

    List<Problem> problems() {
        return problems;
    }

    /** @return this book with the other's contacts added; where both have a number, this one's stays */
    AddressBook and(AddressBook other) {
        Map<String, Contact> all = new HashMap<>(other.byNumber);
        all.putAll(byNumber);
        List<Problem> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new AddressBook(all, p);
    }

    static AddressBook csv(Reader in, String file) throws IOException {
        Map<String, Contact> contacts = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (String column : List.of("number", "name")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IOException(file + ": the first line must name the columns number,name,company,link");
                }
            }
            for (CSVRecord r : parser) {
                String where = file + " line " + parser.getCurrentLineNumber();
                add(contacts, problems, where, cell(r, "number"), cell(r, "name"), cell(r, "company"), cell(r, "link"));
            }
        }
        return new AddressBook(contacts, problems);
    }

    static AddressBook vcard(Reader in, String file) throws IOException {
        Map<String, Contact> contacts = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        int card = 0;
        for (VCard v : Ezvcard.parse(in).all()) {
            card++;
            String where = file + " card " + card;
            String name = v.getFormattedName() == null ? null : v.getFormattedName().getValue();
            Organization org = v.getOrganization();
            String company = org == null || org.getValues().isEmpty() ? null : String.join(", ", org.getValues());
            String link = v.getUrls().stream().map(Url::getValue).findFirst().orElse(null);
            if (v.getTelephoneNumbers().isEmpty()) {
                problems.add(new Problem(where, "has no TEL"));
            }
            for (Telephone t : v.getTelephoneNumbers()) {
                String tel = t.getText() != null ? t.getText() : t.getUri() == null ? null : t.getUri().getNumber();
                add(contacts, problems, where, tel, name, company, link);
            }
        }
        return new AddressBook(contacts, problems);
    }

    private static void add(Map<String, Contact> contacts, List<Problem> problems, String where, String number,
            String name, String company, String link) {
        String n = number(number);
        if (n == null) {
            problems.add(new Problem(where, "number '" + (number == null ? "" : number) + "' is no phone number"));
            return;
        }
        String plainName = plain(name);
        if (plainName == null) {
            problems.add(new Problem(where, "has no name"));
            return;
        }
        String plainLink = plain(link);
        if (plainLink != null && !plainLink.matches("(?i)https?://\\S+")) {
            problems.add(new Problem(where, "link '" + plainLink + "' is not an http or https address; left out"));
            plainLink = null;
        }
        contacts.putIfAbsent(n, new Contact(plainName, plain(company), plainLink));
    }

    /** @return the number without its formatting, or null when it is none */
    static String number(String raw) {
        if (raw == null) {
            return null;
        }
        String n = raw.strip();
        if (n.regionMatches(true, 0, "tel:", 0, 4)) {
            n = n.substring(4);
        }
        n = n.replaceAll("[\\s().\\-]", "");
        return n.matches("\\+?[0-9]{3,15}") ? n : null;
    }

    /** @return the text on one line, cut to what a phone shows, without control characters; null when nothing is left */
    private static String plain(String s) {
        if (s == null) {
            return null;
        }
        String p = s.codePoints().filter(c -> !Character.isISOControl(c) && c != 0x2028 && c != 0x2029)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return p.isEmpty() ? null : p.length() > 128 ? p.substring(0, 128).strip() : p;
    }

    private static String cell(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
    }
}
