package io.switchboard.console.ui.tests;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.switchboard.cdr.ui.internal.CdrSearchPart;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.ManagementClient;

/**
 * The console half of {@code releng/bench-console.sh}, run only by it (against the server it
 * loaded): time to the first page of a call record search as the console shows it, against the
 * same request sent raw from the same process, and the console's heap before and after paging
 * from the first to the last record of a result of about a million.
 */
@EnabledIfSystemProperty(named = "switchboard.bench.url", matches = ".+")
class ConsoleBenchmark {

    private static final int RUNS = 15;
    private static final Pattern FIRST_PAGE = Pattern.compile("^([\\d,]+) call records .*first page in (\\d+) ms");

    private final ConsoleDriver console = new ConsoleDriver();
    private final String url = System.getProperty("switchboard.bench.url");
    private final String password = System.getProperty("switchboard.bench.password");
    private final List<String> report = new ArrayList<>();

    @Test
    void firstPageAndHeapAroundTheScroll() throws Exception {
        Shell window = console.window();
        console.addServer("bench", url, password);
        console.awaitText(window, "overview.heading", t -> t.contains("connected as admin"));
        console.showPart("io.switchboard.cdr.ui.part.search");
        long stored = new CdrClient(new ManagementClient(url, "admin", password)).status().storedRecords();
        line("server " + url + ": %,d call records; page size %d; console heap max %d MB", stored,
                ConsoleSettings.pageSize(), Runtime.getRuntime().maxMemory() >> 20);
        line("");
        line("first page (%d runs each)                 console median    max   raw HTTP median    max   "
                + "CPU ms/search console  raw   facets (raw)", RUNS);
        for (String q : List.of("", "disposition:failed", "callee:+61291234*", "hour:14 AND disposition:answered",
                "mos:[* TO 3.5]")) {
            firstPage(window, q);
        }
        line("");
        scroll(window, millionQuery());
        Path out = Path.of(System.getProperty("switchboard.bench.report", "target/console-report.txt"));
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private void firstPage(Shell window, String q) throws Exception {
        search(window, q); // warm
        List<Long> shown = new ArrayList<>();
        long cpu = cpuNanos();
        for (int i = 0; i < RUNS; i++) {
            shown.add(search(window, q));
        }
        long consoleCpu = (cpuNanos() - cpu) / RUNS;
        raw(q, List.of());
        List<Long> raw = new ArrayList<>();
        cpu = cpuNanos();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            raw(q, List.of());
            raw.add((System.nanoTime() - t) / 1_000_000);
        }
        long rawCpu = (cpuNanos() - cpu) / RUNS;
        List<Long> counted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            raw(q, List.of("trunk", "disposition", "sipCode", "hour"));
            counted.add((System.nanoTime() - t) / 1_000_000);
        }
        line("%-40s %8d ms %6d ms %10d ms %6d ms %12.1f %8.1f %10d ms", q.isEmpty() ? "(everything)" : q,
                median(shown), Collections.max(shown), median(raw), Collections.max(raw), consoleCpu / 1e6,
                rawCpu / 1e6, median(counted));
    }

    /** Searches through the form and returns the first-page time the console reports. */
    private long search(Shell window, String q) throws InterruptedException {
        Combo query = console.find(window, "cdr.query", Combo.class);
        console.ui(() -> {
            query.setText(q);
            return null;
        });
        console.ui(() -> {
            ConsoleDriver.byId(window, "cdr.status", Label.class).setText("");
            return null;
        });
        console.click(window, "cdr.search");
        String status = console.awaitText(window, "cdr.status", t -> FIRST_PAGE.matcher(t).find());
        Matcher m = FIRST_PAGE.matcher(status);
        m.find();
        // The counts follow the first page; the next search waits for them as an admin would.
        Table counted = console.find(window, "cdr.facet.disposition", Table.class);
        ConsoleDriver.await("the facet counts", () -> console.ui(() -> counted.getItemCount() > 0 ? Boolean.TRUE : null));
        return Long.parseLong(m.group(2));
    }

    /** The request the console's first page makes (same page size), raw; or its facet counts, which follow it. */
    private void raw(String q, List<String> facets) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(url).append("/api/v1/cdr/records?offset=0&limit=")
                .append(facets.isEmpty() ? ConsoleSettings.pageSize() : 0).append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        for (String f : facets) {
            uri.append("&facet=").append(f);
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("\"total\"")) {
            throw new AssertionError("raw search " + q + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A query for the newest days that together hold about a million records (all of them on a smaller server). */
    private String millionQuery() throws Exception {
        CdrClient cdr = new CdrClient(new ManagementClient(url, "admin", password));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        for (int days = 1; days <= 3650; days++) {
            String q = "start:[" + day.minusDays(days - 1) + " TO " + day + "]";
            long total = cdr.search(q, null, true, 0, 0, List.of()).total();
            if (total >= 1_000_000 || total == cdr.status().storedRecords()) {
                return q;
            }
        }
        return "";
    }

    /**
     * Pages from the first to the last record: the bottom of each window of the table, then Next,
     * until the window holds the result's last page (two pages fetched a window).
     */
    private void scroll(Shell window, String q) throws Exception {
        long idle = usedHeapAfterGc();
        search(window, q);
        Table results = console.find(window, "cdr.results", Table.class);
        Button next = console.find(window, "cdr.next", Button.class);
        Label rows = console.find(window, "cdr.window", Label.class);
        awaitRow(results, 0);
        long first = usedHeapAfterGc();
        long started = System.nanoTime();
        long cpu = cpuNanos();
        int windows = 0;
        while (true) {
            windows++;
            awaitRow(results, console.ui(results::getItemCount) - 1);
            if (!console.ui(next::getEnabled)) {
                break;
            }
            String before = console.ui(rows::getText);
            console.click(next);
            console.awaitText(window, "cdr.window", t -> !t.equals(before));
            awaitRow(results, 0);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long scrollCpu = cpuNanos() - cpu;
        String shown = console.ui(rows::getText);
        long last = usedHeapAfterGc();
        CdrSearchPart part = (CdrSearchPart) console.ui(() -> console.partObject("io.switchboard.cdr.ui.part.search"));
        int pages = 2 * windows - 1;
        line("scroll: %s; %s; %d windows, %d pages fetched: %.1f s, %.0f ms a page (%.1f ms console CPU a page)", q,
                shown, windows, pages, seconds, seconds * 1000 / pages, scrollCpu / 1e6 / pages);
        line("heap used after a full GC: %.1f MB before the search, %.1f MB at the first page, %.1f MB at the last "
                + "page = %+.1f MB over the scroll (pages held: %d)", mb(idle), mb(first), mb(last), mb(last - first),
                console.ui(part::cachedPages));
    }

    private void awaitRow(Table results, int row) throws InterruptedException {
        console.ui(() -> {
            results.setTopIndex(row);
            return null;
        });
        ConsoleDriver.await("row " + row, () -> console.ui(() -> results.getItem(row).getData()));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void line(String format, Object... args) {
        report.add(String.format(Locale.ROOT, format, args));
    }
}
