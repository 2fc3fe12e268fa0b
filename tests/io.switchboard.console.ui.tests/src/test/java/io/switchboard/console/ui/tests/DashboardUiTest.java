package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.Scope;
import io.switchboard.kpi.api.Widget;
import io.switchboard.kpi.ui.internal.DashboardPart;
import io.switchboard.kpi.ui.internal.Tile;
import io.switchboard.mgmt.client.KpiClient;
import io.switchboard.mgmt.client.ManagementClient;

/**
 * The dashboards in the real console against a real server with a week of demo records: the
 * built-in Overview draws every widget with data, exports as PNG and SVG, a click on a point opens
 * the call records of that hour and trunk, and a dashboard saved on the server with the sample
 * vendor widget (Acme's SLA bars) draws it beside the built-in ones.
 */
class DashboardUiTest {

    private static final String PASSWORD = "dashboard-ui-test";
    private static final int RECORDS = 20_000;
    private static final String PART = "io.switchboard.kpi.ui.part.dashboards";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private KpiClient kpi;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        HttpResponse<String> demo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/api/v1/cdr/demo?count=" + RECORDS + "&days=6"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-By", "switchboard-tests").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, demo.statusCode(), demo.body());
        kpi = new KpiClient(new ManagementClient(server.url(), "admin", PASSWORD));
        ConsoleDriver.await("every demo record in the KPIs", () -> ConsoleDriver.answer(
                () -> kpi.status().rolledUp() >= RECORDS ? Boolean.TRUE : null));
        kpi.save(new Dashboard("Carriers", null, true, "7d", null, 60, List.of(
                new Widget("acme.sla", "ASR against the SLA (Acme plugin)", "asr", Scope.TRUNK, null,
                        Granularity.DAY, 10, Map.of("target", "61")),
                new Widget("timeseries", "MOS per trunk", "mos", Scope.TRUNK, null, Granularity.HOUR, 5, Map.of()),
                new Widget("trunk-matrix", "Trunk health", "asr", Scope.TRUNK, null, Granularity.DAY, 20, Map.of()),
                new Widget("bars", "Calls per destination", "attempts", Scope.DESTINATION, null, Granularity.DAY, 10,
                        Map.of())), null));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminWatchesExportsAndDrillsIntoTheDashboards(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("quality", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart(PART);
            DashboardPart part = (DashboardPart) console.ui(() -> console.partObject(PART));
            String status = console.awaitText(window, "kpi.status", t -> t.startsWith("Overview — 6 widgets"));
            assertTrue(status.contains("times in "), status);
            assertTrue(console.awaitText(window, "kpi.zone", t -> t.startsWith("Times in ")).length() > 9);
            // the view may first show the tiles of an earlier test's server, then redraw for this one
            List<Tile> tiles = awaitEveryTileDrawn(part);
            assertEquals(6, tiles.size());
            console.maximize(PART, true);
            Thread.sleep(1000); // let the canvases paint before the picture
            console.tour("dashboard-overview");
            console.maximize(PART, false);

            Path dir = Files.createTempDirectory("dashboard");
            Path png = dir.resolve("overview.png");
            Path svg = dir.resolve("overview.svg");
            console.ui(() -> {
                try {
                    part.exportTo(png, "png");
                    part.exportTo(svg, "svg");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, "a PNG an image reader reads");
            assertEquals(1280, image.getWidth());
            assertEquals(36 + 3 * 384, image.getHeight(), "six widgets, two a row, under the heading");
            DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
            xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
            var svgDoc = xml.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", svgDoc.getDocumentElement().getLocalName() == null
                    ? svgDoc.getDocumentElement().getTagName() : svgDoc.getDocumentElement().getLocalName());
            assertTrue(Files.readString(svg).contains("carrier-a"), "the chart's labels are in the SVG");

            // the busiest hour of "Calls per hour" opens that hour's call records of that trunk
            // the dashboard redraws itself now and then with new tiles: find the point and click in one go
            double[] p = ConsoleDriver.await("a drawn point clicked", () -> console.ui(() -> {
                Tile calls = part.tiles().get(0);
                double[] at = calls.highestPoint();
                if (at == null || calls.body() == null || calls.body().isDisposed()) {
                    return null;
                }
                Event click = new Event();
                click.x = (int) at[0];
                click.y = (int) at[1];
                click.button = 1;
                calls.body().notifyListeners(SWT.MouseUp, click);
                return at;
            }));
            String tip = ConsoleDriver.await("the value under the pointer", () -> console.ui(() -> {
                double[] at = part.tiles().get(0).highestPoint();
                return at == null ? null : part.tiles().get(0).tip((int) at[0], (int) at[1]);
            }));
            assertTrue(tip.matches("carrier-\\S+  ·  \\d{4}-\\d\\d-\\d\\d \\d\\d:00  ·  " + (long) p[2] + " calls"),
                    "the busiest hour's series, hour and calls: " + tip);
            Combo query = console.find(window, "cdr.query", Combo.class);
            String q = ConsoleDriver.await("the drill-down query", () -> console.ui(() -> query.getText()
                    .startsWith("trunk:\"carrier-") ? query.getText() : null));
            assertTrue(q.contains(" AND start:["), q);
            String found = console.awaitText(window, "cdr.status", t -> t.matches("[0-9,]+ call records.*"));
            long records = Long.parseLong(found.substring(0, found.indexOf(' ')).replace(",", ""));
            assertEquals((long) p[2], records, "the records behind the point are as many as it shows: " + found);

            console.showPart(PART);
            int before = console.ui(part::draws);
            Combo dashboards = console.find(window, "kpi.dashboard", Combo.class);
            console.ui(() -> {
                String[] items = dashboards.getItems();
                for (int i = 0; i < items.length; i++) {
                    if (items[i].startsWith("Carriers")) {
                        dashboards.select(i); // after the built-in ones
                    }
                }
                dashboards.notifyListeners(SWT.Selection, new Event());
                return null;
            });
            console.awaitText(window, "kpi.status", t -> t.startsWith("Carriers — 4 widgets"));
            ConsoleDriver.await("the second dashboard drawn", () -> console.ui(part::draws) > before ? Boolean.TRUE
                    : null);
            List<Tile> carriers = awaitEveryTileDrawn(part);
            assertEquals(4, carriers.size());
            rangesMeanWhatTheySay(carriers);
            console.maximize(PART, true);
            Thread.sleep(1000);
            console.tour("dashboard-carriers");
            console.maximize(PART, false);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    /**
     * The Carriers dashboard's "Last 7 days": its daily widget has seven days, today and the six before
     * it, from midnight in the report's zone; its hourly one 168 hours, the one under way the last. The
     * demo records cover six days, so the hourly line has gaps where it has no data, not a line across.
     */
    private void rangesMeanWhatTheySay(List<Tile> tiles) {
        KpiReport daily = tiles.get(0).report();
        ZoneId zone = ZoneId.of(daily.zone());
        ZonedDateTime from = daily.from().toInstant().atZone(zone);
        Duration days = Duration.between(daily.from(), daily.to());
        assertEquals(from.toLocalDate().atStartOfDay(zone), from, "days start at midnight: " + from);
        assertTrue(days.compareTo(Duration.ofHours(6 * 24 - 1)) > 0
                && days.compareTo(Duration.ofHours(7 * 24 + 1)) <= 0,
                "seven days, today the last, not eight: " + daily.from() + " to " + daily.to());
        KpiReport hourly = tiles.get(1).report();
        Duration hours = Duration.between(hourly.from(), hourly.to());
        assertEquals(0, hourly.from().getMinute() + hourly.from().getSecond(), "on an hour: " + hourly.from());
        assertTrue(hours.compareTo(Duration.ofHours(167)) > 0 && hours.compareTo(Duration.ofHours(168)) <= 0,
                "168 hours, this one the last: " + hourly.from() + " to " + hourly.to());
        assertTrue(console.ui(() -> tiles.get(1).gaps()) > 0, "the hours without calls are gaps in the line");
    }

    /** @return the tiles drawn last, once each of them shows data; a redraw replaces every tile */
    private List<Tile> awaitEveryTileDrawn(DashboardPart part) throws InterruptedException {
        List<String> empty = new ArrayList<>();
        try {
            return ConsoleDriver.await("every widget drawn and not empty", () -> console.ui(() -> {
                List<Tile> now = part.tiles();
                empty.clear();
                now.stream().filter(t -> !t.drawn()).forEach(t -> empty.add(t.widget().title()));
                return now.isEmpty() || !empty.isEmpty() ? null : now;
            }));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still empty: " + empty, e);
        }
    }
}
