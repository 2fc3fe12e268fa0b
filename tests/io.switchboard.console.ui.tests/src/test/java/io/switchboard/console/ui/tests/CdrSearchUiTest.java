package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.ui.internal.CdrSearchPart;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.ManagementClient;

/**
 * The call record search in the real console against a real server holding 100,000 demo records,
 * ten times the table's window: search, narrow by a facet, page to the very end of the virtual table,
 * read a record's every field, export the result through a job. The console on ten million records is
 * measured by releng/bench-console.sh; a million here cost three minutes of a core in every run.
 */
class CdrSearchUiTest {

    private static final String PASSWORD = "cdr-search-ui-test";
    private static final int RECORDS = 100_000;
    private static final String ALL = String.format("%,d call records", RECORDS);

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private CdrClient cdr;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        HttpResponse<String> demo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/api/v1/cdr/demo?count=" + RECORDS + "&days=30"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-By", "switchboard-tests") // a change, not a web form's post
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, demo.statusCode(), demo.body());
        // The demo call returns when the records are stored; the index follows a moment later.
        cdr = new CdrClient(new ManagementClient(server.url(), "admin", PASSWORD));
        ConsoleDriver.await("every demo record indexed", () -> ConsoleDriver.answer(
                () -> cdr.status().indexedRecords() >= RECORDS ? Boolean.TRUE : null));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminSearchesRecordsPagesToTheEndAndExports(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("records", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.cdr.ui.part.search");
            Combo query = console.find(window, "cdr.query", Combo.class);
            console.ui(() -> {
                query.setText("");
                return null;
            });
            console.click(window, "cdr.search");
            String all = console.awaitText(window, "cdr.status", t -> t.startsWith(ALL));
            assertTrue(all.contains("first page in"), all);

            Table busy = console.find(window, "cdr.facet.disposition", Table.class);
            int row = ConsoleDriver.await("the disposition facet", () -> console.ui(() -> {
                for (int i = 0; i < busy.getItemCount(); i++) {
                    if ("busy".equals(busy.getItem(i).getText(0))) {
                        return i;
                    }
                }
                return null;
            }));
            String count = console.ui(() -> busy.getItem(row).getText(1));
            console.select(busy, row);
            console.awaitText(window, "cdr.status", t -> t.startsWith(count + " call records"));
            assertEquals("disposition:busy", console.ui(query::getText));
            Properties onDisk = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(URI.create(System.getProperty("osgi.instance.area")))
                    .resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings/" + ConsoleSettings.NODE
                            + ".prefs"))) {
                onDisk.load(r);
            }
            String id = ConsoleDriver.selectedServer().id().orElseThrow();
            assertEquals("disposition:busy", onDisk.getProperty("cdr-searches/" + id + "/last"),
                    "the last search is on disk at once, kept for this server across restarts: " + onDisk);
            assertEquals("disposition:busy", onDisk.getProperty("cdr-searches/" + id + "/history", "").split("\n")[0],
                    "the recent searches too, newest first: " + onDisk);

            Table hours = console.find(window, "cdr.facet.hour", Table.class);
            String[] hour = ConsoleDriver.await("the hour facet", () -> console.ui(() -> hours.getItemCount() > 0
                    ? new String[] { (String) hours.getItem(0).getData(), hours.getItem(0).getText(1) } : null));
            console.select(hours, 0);
            console.awaitText(window, "cdr.status", t -> t.startsWith(hour[1] + " call records"));
            assertEquals("(disposition:busy) AND hour:" + hour[0], console.ui(query::getText));
            console.ui(() -> {
                query.setText("disposition:busy");
                return null;
            });
            console.click(window, "cdr.search");
            console.awaitText(window, "cdr.status", t -> t.startsWith(count + " call records"));

            Table results = console.find(window, "cdr.results", Table.class);
            clickHeader(results, "Caller");
            console.awaitText(window, "cdr.status", t -> t.startsWith("Caller: the server sorts by start"));
            clickHeader(results, "Start");
            console.awaitText(window, "cdr.status", t -> t.contains("by start, descending"));
            clickHeader(results, "Start");
            console.awaitText(window, "cdr.status", t -> t.startsWith(count + " call records")
                    && t.contains("by start, ascending"));
            Path csv = Files.createTempDirectory("cdr-export").resolve("busy.csv");
            CdrSearchPart part = (CdrSearchPart) console.ui(() -> console.partObject("io.switchboard.cdr.ui.part.search"));
            Job export = console.ui(() -> part.exportTo(csv));
            export.join(120_000, null);
            assertTrue(export.getResult().isOK(), export.getResult().toString());
            List<String> lines = Files.readAllLines(csv);
            assertEquals(Long.parseLong(count.replace(",", "")) + 1, lines.size(), "a header and every busy call");
            String oldestBusy = cdr.search("disposition:busy", "start", false, 0, 1, List.of()).records().get(0).id();
            String newestBusy = cdr.search("disposition:busy", "start", true, 0, 1, List.of()).records().get(0).id();
            assertTrue(lines.get(1).startsWith(oldestBusy + ",")
                    && lines.get(lines.size() - 1).startsWith(newestBusy + ","),
                    "exported in the order on screen, the oldest first: " + lines.get(1));
            clickHeader(results, "Start");
            console.awaitText(window, "cdr.status", t -> t.contains("by start, descending"));

            console.ui(() -> {
                query.setText("");
                return null;
            });
            console.click(window, "cdr.search");
            console.awaitText(window, "cdr.status", t -> t.startsWith(ALL));
            int rows = ConsoleSettings.pageSize() * 50;
            assertEquals(rows, (int) console.ui(results::getItemCount), "the table holds a window of the result");
            console.awaitText(window, "cdr.window", t -> t.equals(String.format("Rows 1–%,d of %,d", rows, RECORDS)));
            console.click(window, "cdr.last");
            console.awaitText(window, "cdr.window", t -> t.equals(String.format("Rows %,d–%,d of %,d",
                    RECORDS - rows + 1, RECORDS, RECORDS)));
            console.ui(() -> {
                results.setTopIndex(results.getItemCount() - 1);
                return null;
            });
            TableItem last = ConsoleDriver.await("the last record", () -> console.ui(() -> {
                TableItem item = results.getItem(results.getItemCount() - 1);
                return item.getData() != null ? item : null;
            }));
            CallRecord oldest = cdr.search("", null, false, 0, 1, List.of()).records().get(0);
            assertEquals(oldest, console.ui(last::getData), "the last row is the oldest record");
            console.ui(() -> {
                results.setSelection(last);
                results.notifyListeners(SWT.Selection, selectionOf(last));
                return null;
            });
            Table details = console.find(window, "cdr.details", Table.class);
            String start = ConsoleDriver.await("the record's fields", () -> console.ui(() ->
                    details.getItemCount() > 10 ? details.getItem(3).getText(1) : null));
            assertTrue(start.endsWith(ConsoleSettings.zone().getId()) || start.matches(".* [A-Z]{2,5}$"),
                    "a time with its zone: " + start);
            assertTrue(part.cachedPages() <= 8, "only the last pages are held: " + part.cachedPages());
            console.tour("cdr-search");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    /** Clicks a column's header, as the admin does to sort by it. */
    private void clickHeader(Table table, String title) {
        console.ui(() -> {
            for (TableColumn column : table.getColumns()) {
                if (column.getText().equals(title)) {
                    column.notifyListeners(SWT.Selection, new Event());
                }
            }
            return null;
        });
    }

    private static Event selectionOf(TableItem item) {
        Event e = new Event();
        e.item = item;
        return e;
    }
}
