package io.switchboard.sip.stack;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.switchboard.sip.ladder.Redaction;

/** The jain-sip stack's properties: memory bounds under overload, TLS, and how much of its log reaches the server's. */
public final class StackProperties {

    /** The largest SIP message read from UDP, and the buffer each waiting datagram holds. */
    public static final int MAX_MESSAGE_SIZE = 16_384;
    /** A datagram that waited this long for a SIP thread is dropped unread: its sender has retransmitted it. */
    public static final int CONGESTION_TIMEOUT_MILLIS = 2_000;

    private StackProperties() {
    }

    /**
     * The stack's settings.
     *
     * @param threads SIP threads serving UDP: 16 in the switch (releng/bench-sip.sh on 2 cores: with
     *            4, REGISTER took less CPU but calls/s fell by a third, the B2BUA reads the database on
     *            them; with 32 calls/s fell too; docs/benchmarks.md)
     */
    public static Properties of(String name, int threads) {
        return of(name, threads, "error");
    }

    /**
     * The logger every jain-sip stack in the server should write to (its LOG4J_LOGGER_NAME): a stack
     * left to its default writes under its own name, outside the budget.
     */
    private static final String LOGGER_NAME = "gov.nist.javax.sip";

    /** jain-sip's loggers, all under this name; held here, for a JUL logger with no reference loses its level. */
    private static final Logger STACK_LOG = Logger.getLogger("gov.nist");

    /** A few of jain-sip's warnings a minute reach the log: a flood of bad datagrams must not fill it. */
    private static final StackLogBudget BUDGET = new StackLogBudget(20, 60_000);

    static {
        // Every record of a logger under gov.nist passes the budget, whichever logger wrote it. A filter
        // on the one logger the switch's stack writes to was not enough: jain-sip's classes log through
        // the last stack made in the JVM (a test call's phone stack, say) or under their class names,
        // and during a TCP flood their stack traces went round the budget (an outside review, issue 61).
        STACK_LOG.setUseParentHandlers(false);
        STACK_LOG.addHandler(new BudgetHandler());
    }

    /** Hands jain-sip's records that are worth it to the server's own handlers. */
    private static final class BudgetHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (worthLogging(r)) {
                for (Handler h : Logger.getLogger("").getHandlers()) {
                    h.publish(r);
                }
            }
        }

        @Override
        public void flush() {
            // the server's handlers flush themselves
        }

        @Override
        public void close() {
            // nothing of its own is open
        }
    }

    /**
     * Masks secrets in what jain-sip logs ({@link Redaction}) and keeps its warnings to a few one-line
     * ones a minute ({@link StackLogBudget}). When a phone's TCP or TLS connection closes, jain-sip
     * answers a keep-alive it imagines with a new connection to the phone's gone port and logs both failures as SEVERE with their stack
     * traces: two of them for every phone that hangs up its connection. They say nothing an admin
     * can act on; a connection that matters (a trunk's) fails the call, whose record says why.
     */
    static boolean worthLogging(LogRecord r) {
        String message = r.getMessage() == null ? "" : r.getMessage();
        if (message.startsWith("A problem occured while trying to send a single CLRF")) {
            return false;
        }
        if (message.startsWith("Error is") && r.getThrown() instanceof IOException e
                && e.getMessage() != null && e.getMessage().startsWith("Could not connect to")) {
            return false;
        }
        // at info and debug jain-sip logs whole messages: never their keys or digest responses
        r.setMessage(Redaction.redact(r.getMessage()));
        if (r.getLevel().intValue() >= Level.WARNING.intValue()
                && STACK_LOG.getLevel() != Level.FINE) {
            if (!BUDGET.take(System.currentTimeMillis())) {
                return false;
            }
            if (r.getThrown() != null) {
                r.setMessage(r.getMessage() + ": " + r.getThrown()); // one line: the trace is jain-sip's business
                r.setThrown(null);
            }
        }
        return true;
    }

    /**
     * @param stackLog how much of jain-sip's own log reaches the server's log: none, error (its
     *            severe problems only, the default: it warns at every start of TLS it was not asked
     *            for), info or debug; from info on, jain-sip also logs each message, which costs
     */
    public static Properties of(String name, int threads, String stackLog) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty(NoStackTls.PROPERTY, NoStackTls.class.getName());
        String value = stackLog == null ? "" : stackLog.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "none" -> STACK_LOG.setLevel(Level.OFF);
            case "", "error" -> STACK_LOG.setLevel(Level.SEVERE);
            case "info" -> STACK_LOG.setLevel(Level.INFO);
            case "debug" -> STACK_LOG.setLevel(Level.FINE);
            default -> throw new IllegalArgumentException("stackLog=" + stackLog + ": none, error, info or debug");
        }
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", switch (value) {
            case "info" -> "INFO";
            case "debug" -> "DEBUG";
            default -> "0";
        });
        // the log4j 1.x logger jain-sip writes to (log4j-over-slf4j hands it on), under STACK_LOG's name
        p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", LOGGER_NAME);
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threads));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // Memory under overload. The stack reads every datagram into a buffer of MAX_MESSAGE_SIZE
        // bytes and keeps it while the datagram waits in its queue for a thread; with 64 KB buffers,
        // an unbounded queue and the default 8 s wait, a 1 GB heap ran out at 6,000 REGISTER/s and the
        // OutOfMemoryError killed the UDP reader thread for good. Now: 16 KB buffers (also the largest
        // message read), a queue bounded by UdpIngress (full: the datagram is dropped on arrival), and
        // a datagram that waited 2 s is dropped unread (its sender has retransmitted it); finished transactions
        // (lingering 32 s over UDP for retransmissions) keep only what they still need, and their
        // table is capped in proportion to the heap, past which the stack drops new requests.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", Integer.toString(CONGESTION_TIMEOUT_MILLIS));
        // "Aggressive": a transaction that has completed drops its request and keeps nothing to parse
        // again. With "Normal" each of a call's transactions encoded its request to bytes when it
        // completed and parsed them again when it ended, for nobody to read: the stack's timer thread
        // spent half its time parsing (about 5 % of a call's CPU, and a fifth at 4,000 REGISTER/s).
        // The server's code reads a transaction's request only while it is live; RFC 2543 requests, which
        // the stack matches by their requests' headers, are sip.transport's ServerTransaction's (Rfc4475IT).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Long.toString(maxServerTransactions()));
        // bursts of UDP must wait in the socket, not be dropped before the stack reads them
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "4194304");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "4194304");
        tls(p);
        return p;
    }

    /**
     * TLS as jain-sip sets up each connection (the certificates are {@code TlsLayer}'s): phones present
     * none, and only TLS 1.2 and 1.3 are spoken.
     */
    private static void tls(Properties p) {
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        // jain-sip's own list holds only RSA key exchange, 3DES and anonymous suites, which the JDK has
        // disabled: every handshake failed ("No appropriate protocol"). Forward-secret AEAD suites only.
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
    }

    /** About 2 KB per finished transaction in a quarter of the heap, at least 10,000. */
    static long maxServerTransactions() {
        return Math.max(10_000, Runtime.getRuntime().maxMemory() / 4 / 2048);
    }
}
