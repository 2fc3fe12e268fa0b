package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.api.CsvCells;

class CsvCellsTest {

    @Test
    void cellsThatASpreadsheetWouldRunAreQuotedAndComeBackWhole() {
        for (String formula : new String[] { "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1" }) {
            assertEquals("'" + formula, CsvCells.safe(formula), formula);
            assertEquals(formula, CsvCells.unescape("'" + formula), "an import takes the apostrophe away");
        }
        for (String plain : new String[] { "+442079460000", "+44 20 7946 0000", "-3.5", "carrier-a", "O'Brien",
                "'quoted already" }) {
            assertEquals(plain, CsvCells.safe(plain), plain);
            assertEquals(plain, CsvCells.unescape(plain), plain);
        }
        assertEquals(42, CsvCells.safe(42), "numbers are no text");
        assertEquals(null, CsvCells.safe(null));
    }
}
