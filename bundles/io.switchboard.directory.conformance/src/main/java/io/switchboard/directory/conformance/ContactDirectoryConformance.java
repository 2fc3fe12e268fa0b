package io.switchboard.directory.conformance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.switchboard.directory.api.Contact;
import io.switchboard.directory.api.ContactDirectory;

/**
 * What every {@link ContactDirectory} must do, checked with numbers like the switch's:
 * <ul>
 * <li>it finds the numbers its data holds, with the name it holds;</li>
 * <li>it answers every other number, also an odd one (empty, "anonymous", letters, far too long),
 * with empty or a contact, never null and never an exception;</li>
 * <li>a name is what a phone can show: not blank, at most {@value #MAX_NAME} characters, no
 * control characters (they would break the SIP header it goes in); a company likewise or null;
 * a link is an absolute http or https address, or null;</li>
 * <li>each answer comes within {@value #MAX_SECONDS} s (the switch stops waiting long before);</li>
 * <li>it answers the same from many threads at once as from one (calls come in on several threads).</li>
 * </ul>
 * A plugin's test calls {@link #check(ContactDirectory, Map)} with numbers its test data holds.
 */
public final class ContactDirectoryConformance {

    /** The longest name a contact may have. */
    public static final int MAX_NAME = 128;
    /** The longest a directory may take for one answer in the kit. */
    public static final int MAX_SECONDS = 5;
    private static final List<String> ODD = List.of("", " ", "anonymous", "+", "+0", "abc", "+999999999999999",
            "123456789012345678901234567890", "+1 (212) 555-01", "sip:alice@example.com", "\u0000", "+4420794612340000");

    private ContactDirectoryConformance() {
    }

    /**
     * @param known numbers (as the switch gives them, E.164) that the directory's data holds, with
     *            the name each must answer
     * @throws AssertionError naming the first rule the directory breaks, with the number it broke it on
     */
    public static void check(ContactDirectory directory, Map<String, String> known) {
        if (known.isEmpty()) {
            throw new IllegalArgumentException("Give one known number or more");
        }
        List<String> numbers = new ArrayList<>(known.keySet());
        numbers.addAll(ODD);
        numbers.add("+12125550000");
        List<Optional<Contact>> alone = new ArrayList<>();
        for (String n : numbers) {
            Optional<Contact> c = answer(directory, n);
            wellFormed(n, c);
            if (known.containsKey(n)) {
                if (c.isEmpty()) {
                    throw new AssertionError("Number " + n + " is in the directory's data, but find() did not find it");
                }
                if (!known.get(n).equals(c.get().name())) {
                    throw new AssertionError("Number " + n + " is " + known.get(n) + ", but find() named "
                            + c.get().name());
                }
            }
            alone.add(c);
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Contact>>> together = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (String n : numbers) {
                    together.add(threads.submit(() -> directory.find(n)));
                }
            }
            for (int i = 0; i < together.size(); i++) {
                String n = numbers.get(i % numbers.size());
                Optional<Contact> c = together.get(i).get(MAX_SECONDS, TimeUnit.SECONDS);
                if (!Objects.equals(c, alone.get(i % numbers.size()))) {
                    throw new AssertionError("Number " + n + " answered " + alone.get(i % numbers.size())
                            + " alone but " + c + " among many threads");
                }
            }
        } catch (TimeoutException e) {
            throw new AssertionError("An answer among many threads took over " + MAX_SECONDS + " s");
        } catch (Exception e) {
            throw new AssertionError("find() failed among many threads: " + e, e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Optional<Contact> answer(ContactDirectory directory, String number) {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Optional<Contact> c = one.submit(() -> directory.find(number)).get(MAX_SECONDS, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("find(\"" + printable(number) + "\") returned null; return Optional.empty()");
            }
            return c;
        } catch (TimeoutException e) {
            throw new AssertionError("find(\"" + printable(number) + "\") took over " + MAX_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("find(\"" + printable(number) + "\") threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        } finally {
            one.shutdownNow();
        }
    }

    private static void wellFormed(String number, Optional<Contact> c) {
        if (c.isEmpty()) {
            return;
        }
        text(number, "name", c.get().name());
        if (c.get().company() != null) {
            text(number, "company", c.get().company());
        }
        String link = c.get().link();
        if (link != null) {
            URI uri;
            try {
                uri = URI.create(link);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("Number " + number + ": link '" + link + "' is no address: " + e.getMessage());
            }
            if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new AssertionError("Number " + number + ": link '" + link + "' is not an http or https address");
            }
        }
    }

    private static void text(String number, String what, String value) {
        if (value.isBlank() || value.length() > MAX_NAME) {
            throw new AssertionError("Number " + number + ": the " + what + " must have 1 to " + MAX_NAME
                    + " characters, not " + value.length());
        }
        if (value.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029')) {
            throw new AssertionError("Number " + number + ": the " + what + " '" + printable(value)
                    + "' has control characters");
        }
    }

    private static String printable(String s) {
        return s.chars().mapToObj(ch -> Character.isISOControl(ch) ? String.format("\\u%04x", ch)
                : String.valueOf((char) ch)).reduce("", String::concat);
    }
}
