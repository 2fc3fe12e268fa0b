package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The budget is the JVM's one: the test that spends it runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackPropertiesTest {

    private static LogRecord record(String message, Throwable thrown) {
        LogRecord r = new LogRecord(Level.SEVERE, message);
        r.setThrown(thrown);
        return r;
    }

    @Test
    @Order(1)
    void theNoiseOfAGonePhonesConnectionIsDroppedAndEverythingElseKept() {
        assertFalse(StackProperties.worthLogging(record("A problem occured while trying to send a single CLRF in "
                + "response to a double CLRF", new IOException("Could not connect to /127.0.0.1:50292"))));
        assertFalse(StackProperties.worthLogging(record("Error is ", new IOException("Could not connect to /127.0.0.1:1"))));
        assertTrue(StackProperties.worthLogging(record("Error is ", new IOException("Broken pipe"))));
        assertTrue(StackProperties.worthLogging(record("Error is ", new IllegalStateException("Could not connect to"))));
        assertTrue(StackProperties.worthLogging(record(null, null)));
    }

    /**
     * jain-sip's classes write under their own names, or through the last stack made (a phone's): a
     * flood of their errors costs a few one-line records whichever logger they took.
     */
    @Test
    @Order(2)
    void everyLoggerOfJainSipIsWithinTheBudget() {
        StackProperties.of("budget-test", 1, "error");
        List<LogRecord> written = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                written.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String name : new String[] { "gov.nist.javax.sip.parser.PipelinedMsgParser", "gov.nist.javax.sip.phone",
                    "gov.nist.javax.sip.stack.TCPMessageChannel" }) {
                for (int i = 0; i < 1_000; i++) {
                    Logger.getLogger(name).log(Level.SEVERE, "Something failed " + i, new IOException("Broken pipe"));
                }
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(written.size() <= 20, "3,000 errors: at most 20 lines a minute, not " + written.size());
        assertTrue(written.stream().allMatch(r -> r.getThrown() == null), "each on one line, without its trace");
    }
}
