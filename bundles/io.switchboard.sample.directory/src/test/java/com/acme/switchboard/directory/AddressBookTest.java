package com.acme.switchboard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.directory.api.Contact;
import io.switchboard.directory.conformance.ContactDirectoryConformance;

class AddressBookTest {

    static final String CSV = """
            number,name,company,link
            +1 (212) 555-0100,Ada Lovelace,Analytical Engines Ltd,https://crm.example.com/contacts/17
            +12125550101,"Babbage, Charles",,javascript:alert(1)
            not-a-number,Nobody,,
            +12125550102,,,
            """;
    static final String VCF = """
            BEGIN:VCARD
            VERSION:3.0
            FN:Grace Hopper
            ORG:US Navy;Computing
            TEL;TYPE=work:+1-212-555-0200
            TEL;TYPE=cell:tel:+12125550201
            URL:https://crm.example.com/contacts/42
            END:VCARD
            BEGIN:VCARD
            VERSION:4.0
            FN:No Phone
            END:VCARD
            """;

    @Test
    void csvLinesAreReadAndBadOnesReportedWithTheirLine() throws IOException {
        AddressBook book = AddressBook.csv(new StringReader(CSV), "crm.csv");
        assertEquals(Optional.of(new Contact("Ada Lovelace", "Analytical Engines Ltd",
                "https://crm.example.com/contacts/17")), book.find("+12125550100"));
        assertEquals(Optional.of(new Contact("Babbage, Charles", null, null)), book.find("+12125550101"),
                "a link that is no web address is left out, the contact kept");
        assertEquals(2, book.size());
        assertEquals("crm.csv line 3: link 'javascript:alert(1)' is not an http or https address; left out",
                book.problems().get(0).where() + ": " + book.problems().get(0).message());
        assertEquals("crm.csv line 4", book.problems().get(1).where());
        assertEquals("crm.csv line 5: has no name", book.problems().get(2).where() + ": " + book.problems().get(2).message());
        assertThrows(IOException.class, () -> AddressBook.csv(new StringReader("phone,who\n1,x\n"), "x.csv"));
    }

    @Test
    void vcardsGiveEachOfTheirNumbers() throws IOException {
        AddressBook book = AddressBook.vcard(new StringReader(VCF), "phone.vcf");
        Contact grace = new Contact("Grace Hopper", "US Navy, Computing", "https://crm.example.com/contacts/42");
        assertEquals(Optional.of(grace), book.find("+12125550200"));
        assertEquals(Optional.of(grace), book.find("+12125550201"));
        assertEquals("phone.vcf card 2: has no TEL", book.problems().get(0).where() + ": "
                + book.problems().get(0).message());
    }

    @Test
    void theFileDirectoryPassesTheConformanceKitAndReadsAChangedFileAgain(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("crm.csv"), CSV);
        Path vcf = Files.writeString(dir.resolve("phone.vcf"), VCF);
        FileDirectory directory = new FileDirectory(config(csv.toString(), " " + vcf + " "));
        ContactDirectoryConformance.check(directory, Map.of("+12125550100", "Ada Lovelace", "+12125550201",
                "Grace Hopper"));
        Files.writeString(csv, "number,name\n+12125550100,Ada King\n");
        Files.setLastModifiedTime(csv, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("Ada King", directory.find("+12125550100").orElseThrow().name());
        assertTrue(directory.find("+12125550101").isEmpty(), "gone from the new export");
    }

    @Test
    void theKitCatchesADirectoryThatBreaksARule() {
        AssertionError e = assertThrows(AssertionError.class, () -> ContactDirectoryConformance.check(
                n -> n.isEmpty() ? null : Optional.of(new Contact("Ada\r\nX-Evil: 1", null, null)), Map.of("+1", "Ada")));
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        AssertionError none = assertThrows(AssertionError.class, () -> ContactDirectoryConformance.check(
                n -> Optional.empty(), Map.of("+12125550100", "Ada")));
        assertTrue(none.getMessage().contains("did not find it"), none.getMessage());
    }

    private static FileDirectory.Config config(String... files) {
        return new FileDirectory.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileDirectory.Config.class;
            }

            @Override
            public String[] files() {
                return files;
            }
        };
    }
}
