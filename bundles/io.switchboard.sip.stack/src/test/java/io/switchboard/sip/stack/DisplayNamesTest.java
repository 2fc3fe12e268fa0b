package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void namesArePlainTextThenQuotedAgain() {
        assertEquals("Alice Smith", DisplayNames.plain("Alice Smith"));
        assertEquals("Alice \"Al\" Smith", DisplayNames.plain("\"Alice \\\"Al\\\" Smith\""));
        assertEquals("Fuzz 51", DisplayNames.plain("Fuzz 51\\\u0000"));
        assertEquals("Fuzz 51", DisplayNames.plain("Fuzz 51\\"));
        assertNull(DisplayNames.plain("\u0001\u0002"));
        assertEquals("a\\\\b \\\"c\\\"", DisplayNames.quoted("a\\b \"c\""));
    }

    /** The header as the switch writes it on leg B parses again, with the same name. */
    @Test
    void aMalformedNameIsWrittenAsAValidQuotedString() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        HeaderFactory headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        for (String received : new String[] { "\"Fuzz 51\\\u0000\" <sip:f@127.0.0.1>;tag=1",
                "\"Fuzz \\\"52\\\\\" <sip:f@127.0.0.1>;tag=1", "Plain Name <sip:f@127.0.0.1>;tag=1" }) {
            FromHeader a = (FromHeader) headers.createHeader("From", received.substring(0));
            String plain = DisplayNames.plain(a.getAddress().getDisplayName());
            Address b = addresses.createAddress((URI) a.getAddress().getURI().clone());
            b.setDisplayName(DisplayNames.quoted(plain));
            String written = headers.createFromHeader(b, "2").toString().trim();
            FromHeader reread = (FromHeader) headers.createHeader("From", written.substring(written.indexOf(':') + 1));
            assertEquals(plain, DisplayNames.plain(reread.getAddress().getDisplayName()), written);
        }
    }
}
