package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class StackPropertiesTest {

    private static LogRecord record(String message, Throwable thrown) {
        LogRecord r = new LogRecord(Level.SEVERE, message);
        r.setThrown(thrown);
        return r;
    }

    @Test
    void theNoiseOfAGonePhonesConnectionIsDroppedAndEverythingElseKept() {
        assertFalse(StackProperties.worthLogging(record("A problem occured while trying to send a single CLRF in "
                + "response to a double CLRF", new IOException("Could not connect to /127.0.0.1:50292"))));
        assertFalse(StackProperties.worthLogging(record("Error is ", new IOException("Could not connect to /127.0.0.1:1"))));
        assertTrue(StackProperties.worthLogging(record("Error is ", new IOException("Broken pipe"))));
        assertTrue(StackProperties.worthLogging(record("Error is ", new IllegalStateException("Could not connect to"))));
        assertTrue(StackProperties.worthLogging(record(null, null)));
    }
}
