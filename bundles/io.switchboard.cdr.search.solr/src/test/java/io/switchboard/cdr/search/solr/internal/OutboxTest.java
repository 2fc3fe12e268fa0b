package io.switchboard.cdr.search.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Which failed sends the Solr outbox keeps and which it drops, through SolrJ's real client against
 * an HTTP server on a real socket that answers as a Solr node does: a request cut off while its body
 * is sent, a 400 saying the body ended early (SolrSearchIT lost 44 records so while Solr restarted),
 * and a 400 naming a field of a document.
 */
class OutboxTest {

    /** What the fake node does with the next update request. */
    private enum Answer {
        CUT, EARLY_EOF, UNEXPECTED_EOF, UNKNOWN_FIELD, OK
    }

    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> bodies = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer solr;
    private SolrNodes nodes;
    private Outbox outbox;

    @BeforeEach
    void start() throws IOException {
        solr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        solr.createContext("/solr/cdr/update", this::update);
        solr.start();
        nodes = new SolrNodes(List.of("http://127.0.0.1:" + solr.getAddress().getPort() + "/solr"), "cdr", "", "", 5);
        outbox = new Outbox(1000, new Landing(nodes::troubleAt, System::nanoTime, HashSet::new, 1000));
    }

    @AfterEach
    void stop() {
        outbox.close();
        nodes.close();
        solr.stop(0);
    }

    @Test
    void aBatchWhoseBodyDidNotArriveWholeIsKeptAndSentAgain() {
        answers.addAll(List.of(Answer.CUT, Answer.EARLY_EOF, Answer.UNEXPECTED_EOF, Answer.OK));
        outbox.send(adding("a1", "a2"));
        assertEquals(2, outbox.waiting(), "held after the cut");

        await("sent on the fourth try", () -> outbox.waiting() == 0);
        assertEquals(0, outbox.dropped());
        assertEquals(4, requests());
        assertTrue(lastBody().contains("a1") && lastBody().contains("a2"), lastBody());
    }

    @Test
    void aBatchSolrRefusesForWhatItHoldsIsDropped() {
        answers.addAll(List.of(Answer.CUT, Answer.UNKNOWN_FIELD, Answer.OK));
        outbox.send(adding("b1"));
        assertEquals(1, outbox.waiting());

        await("refused and dropped", () -> outbox.waiting() == 0);
        assertEquals(2, requests());
        outbox.send(adding("c1")); // nothing waits before it: sent at once
        assertEquals(0, outbox.waiting());
        assertEquals(3, requests(), "the refused batch was not sent again");
        assertTrue(lastBody().contains("c1") && !lastBody().contains("b1"), lastBody());
    }

    @Test
    void onlyA400NamingWhatTheRecordsHoldIsARefusal() {
        assertTrue(IndexWork.refusesRecords(badRequest("ERROR: [doc=7f3a] unknown field 'colour'")));
        assertTrue(IndexWork.refusesRecords(badRequest("ERROR: [doc=7f3a] Error adding field 'start'='EOF'")));
        assertTrue(IndexWork.refusesRecords(badRequest("Document is missing mandatory uniqueKey field: id")));
        assertTrue(IndexWork.refusesRecords(badRequest("Illegal character ((CTRL-CHAR, code 1))")));

        assertFalse(IndexWork.refusesRecords(badRequest("org.eclipse.jetty.io.EofException: Early EOF")));
        assertFalse(IndexWork.refusesRecords(badRequest("Unexpected EOF; was expecting a close tag for element "
                + "<field>\n at [row,col {unknown-source}]: [1,8192]")));
        assertFalse(IndexWork.refusesRecords(badRequest("Unexpected end of input block in end tag")));
        assertFalse(IndexWork.refusesRecords(badRequest("missing content stream")));
        assertFalse(IndexWork.refusesRecords(badRequest("something new in Solr 10")), "unsure: kept");
        assertFalse(IndexWork.refusesRecords(new SolrException(SolrException.ErrorCode.FORBIDDEN, "field")));
        assertFalse(IndexWork.refusesRecords(new SolrException(SolrException.ErrorCode.SERVER_ERROR, "[doc=1]")));
    }

    private static SolrException badRequest(String message) {
        return new SolrException(SolrException.ErrorCode.BAD_REQUEST, message);
    }

    private IndexWork adding(String... ids) {
        List<SolrInputDocument> docs = new ArrayList<>();
        for (String id : ids) {
            SolrInputDocument d = new SolrInputDocument();
            d.addField("id", id);
            d.addField("caller", "x".repeat(4096)); // a body of some size, cut inside it
            docs.add(d);
        }
        return IndexWork.adding(nodes, docs);
    }

    private void update(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) { // SolrJ's JDK client asks before its first POST
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        Answer answer = answers.poll();
        requests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            if (answer == Answer.CUT) {
                in.readNBytes(100);
                // the connection closes with no answer: the client's send fails mid-body
                throw new IOException("cut");
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            synchronized (bodies) {
                bodies.add(body);
            }
        }
        switch (answer == null ? Answer.OK : answer) {
            case EARLY_EOF -> jettyBadMessage(exchange, "Early EOF");
            case UNEXPECTED_EOF -> solr(exchange, 400, "Unexpected EOF; was expecting a close tag for element <doc>\n"
                    + " at [row,col {unknown-source}]: [1,4123]");
            case UNKNOWN_FIELD -> solr(exchange, 400, "ERROR: [doc=b1] unknown field 'caller'");
            default -> solr(exchange, 200, null);
        }
    }

    /** Jetty's own answer to a request it could not read whole, before Solr sees it. */
    private static void jettyBadMessage(HttpExchange exchange, String reason) throws IOException {
        byte[] page = ("<h1>Bad Message 400</h1><pre>reason: " + reason + "</pre>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=iso-8859-1");
        exchange.sendResponseHeaders(400, page.length);
        exchange.getResponseBody().write(page);
        exchange.close();
    }

    /** Solr's answer in javabin, as a node writes it: a header, and the error when there is one. */
    private static void solr(HttpExchange exchange, int code, String error) {
        JavaBin out = new JavaBin();
        out.map(NAMED_LIST, error == null ? 1 : 2);
        out.name("responseHeader").map(ORDERED_MAP, 2).name("status").integer(code == 200 ? 0 : code);
        out.name("QTime").integer(1);
        if (error != null) {
            out.name("error").map(ORDERED_MAP, 2).name("msg").str(error).name("code").integer(code);
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(code, out.size());
            exchange.getResponseBody().write(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.close();
    }

    private static final int STR = 1 << 5;
    private static final int SMALL_INT = 2 << 5;
    private static final int ORDERED_MAP = 5 << 5;
    private static final int NAMED_LIST = 6 << 5;
    private static final int EXTERN_STRING = 7 << 5;

    /** The few javabin values an answer needs (SolrJ's codec is not among the packages this bundle imports). */
    private static final class JavaBin extends ByteArrayOutputStream {
        JavaBin() {
            write(2); // the format's version
        }

        JavaBin map(int tag, int size) {
            write(tag | size);
            return this;
        }

        /** A key of a map: a string told once (index 0, new) and then its value. */
        JavaBin name(String s) {
            write(EXTERN_STRING);
            return str(s);
        }

        JavaBin str(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length < 0x1f) {
                write(STR | utf8.length);
            } else {
                write(STR | 0x1f);
                vint(utf8.length - 0x1f);
            }
            writeBytes(utf8);
            return this;
        }

        JavaBin integer(int v) {
            if (v < 0x0f) {
                write(SMALL_INT | v);
            } else {
                write(SMALL_INT | 0x10 | (v & 0x0f));
                vint(v >>> 4);
            }
            return this;
        }

        private void vint(int v) {
            while ((v & ~0x7f) != 0) {
                write((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            write(v);
        }
    }

    private int requests() {
        return requests.get();
    }

    private String lastBody() {
        synchronized (bodies) {
            return bodies.get(bodies.size() - 1);
        }
    }

    private static void await(String what, BooleanSupplier done) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the outbox's own timer does the work
        }
    }
}
