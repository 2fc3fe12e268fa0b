package com.acme.switchboard.directory;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.directory.api.Contact;
import io.switchboard.directory.api.ContactDirectory;

/**
 * A contact directory from files: CSV and vCard exports of a CRM or a mail client. A file is read
 * again at the first lookup after it changed, so an export dropped over the old one counts from
 * the next call, without a restart.
 */
@Component(configurationPid = FileDirectory.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = ContactDirectory.NAME + "=address-book")
@Designate(ocd = FileDirectory.Config.class)
public class FileDirectory implements ContactDirectory {

    static final String PID = "com.acme.switchboard.directory";
    private static final Logger LOG = System.getLogger(FileDirectory.class.getName());

    @ObjectClassDefinition(name = "Acme address book")
    @interface Config {
        @AttributeDefinition(name = "Files", description = "CSV (number,name,company,link) and vCard (.vcf) files; "
                + "where two have a number, the first named wins")
        String[] files();
    }

    private volatile List<Path> files;
    private List<FileTime> readAt = List.of();
    private AddressBook book = AddressBook.empty();

    @Activate
    public FileDirectory(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        // a .cfg file gives a list as one string: "files = a.csv, b.vcf"
        files = Arrays.stream(config.files()).flatMap(f -> Arrays.stream(f.split(",")))
                .map(String::strip).filter(f -> !f.isEmpty()).map(Path::of).toList();
    }

    @Override
    public Optional<Contact> find(String number) {
        return current().find(number);
    }

    /** @return the book, read again first when a file changed (one reader at a time; the others wait for it) */
    private synchronized AddressBook current() {
        List<Path> now = files;
        List<FileTime> times = new ArrayList<>();
        for (Path f : now) {
            try {
                times.add(Files.getLastModifiedTime(f));
            } catch (IOException e) {
                times.add(null);
            }
        }
        if (!times.equals(readAt) || now.size() != readAt.size()) {
            book = read(now);
            readAt = times;
        }
        return book;
    }

    private static AddressBook read(List<Path> files) {
        AddressBook all = AddressBook.empty();
        for (Path f : files) {
            try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String name = Objects.toString(f.getFileName());
                AddressBook one = name.toLowerCase(Locale.ROOT).endsWith(".vcf") ? AddressBook.vcard(in, name)
                        : AddressBook.csv(in, name);
                one.problems().forEach(p -> LOG.log(Level.WARNING, "Address book {0}: {1}", p.where(), p.message()));
                LOG.log(Level.INFO, "Address book {0}: {1} numbers", f, one.size());
                all = all.and(one);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Address book {0} cannot be read: {1}", f, e.getMessage());
            }
        }
        return all;
    }
}
