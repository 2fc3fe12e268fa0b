package io.switchboard.sip.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.switchboard.numbering.api.NumberInfo;

/** Which dial strings are emergency calls, as a phone in North America or in Britain sends them. */
class EmergencyDiallingTest {

    private final EmergencyDialling dialling = new EmergencyDialling("emergency", List.of("9", "0"), Set.of("933"), "",
            30);

    /** North America's emergency numbers, as libphonenumber's short-number data has them. */
    private static final Function<String, NumberInfo> US = d -> new NumberInfo(d, null, "US", "SHORT_CODE", false,
            false, d.equals("911") || d.equals("112"));
    private static final Function<String, NumberInfo> GB = d -> new NumberInfo(d, null, "GB", "SHORT_CODE", false,
            false, d.equals("999") || d.equals("112"));

    @Test
    void numbersWithAndWithoutTheOutsideLinePrefix() {
        assertEquals(new EmergencyDialling.Dial("911", "911", false), dialling.recognize("911", US));
        assertEquals(new EmergencyDialling.Dial("9911", "911", false), dialling.recognize("9911", US));
        assertEquals(new EmergencyDialling.Dial("0112", "112", false), dialling.recognize("0112", US));
        assertEquals(new EmergencyDialling.Dial("933", "933", true), dialling.recognize("933", US));
        assertEquals(new EmergencyDialling.Dial("9933", "933", true), dialling.recognize("9933", US));
        assertNull(dialling.recognize("999", US), "not in North America");
        assertEquals("999", dialling.recognize("999", GB).number());
        assertNull(dialling.recognize("91", US), "a prefix alone");
        assertNull(dialling.recognize("+1911", US), "an E.164 number is none");
        assertNull(dialling.recognize("alice", US));
        assertNull(dialling.recognize(null, US));
        assertNull(dialling.recognize("911", null), "without numbering data only the test numbers are known");
    }

    @Test
    void theServiceUrnSendsTheCountrysNumber() {
        assertEquals(new EmergencyDialling.Dial("urn:service:sos", "911", false), dialling.recognize("urn:service:sos", US));
        assertEquals("112", dialling.recognize("urn:service:sos.fire", GB).number());
        assertNull(dialling.recognize("urn:service:counseling", US));
        EmergencyDialling fixed = new EmergencyDialling("emergency", List.of(), Set.of(), "999", 30);
        assertEquals("999", fixed.recognize("URN:SERVICE:SOS", US).number());
    }

    @Test
    void whatARequestUriDials() {
        assertEquals("911", EmergencyDialling.dialled("sip:911@example.com;user=phone"));
        assertEquals("911", EmergencyDialling.dialled("sips:911;phone-context=+1@example.com"));
        assertEquals("911", EmergencyDialling.dialled("tel:911;phone-context=+1"));
        assertEquals("urn:service:sos", EmergencyDialling.dialled("urn:service:sos"));
        assertNull(EmergencyDialling.dialled("sip:example.com"));
        assertNull(EmergencyDialling.dialled("mailto:a@b"));
    }
}
