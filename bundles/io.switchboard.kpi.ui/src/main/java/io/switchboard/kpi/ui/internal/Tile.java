package io.switchboard.kpi.ui.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Widget;

/**
 * One widget on the dashboard: a chart drawn through Java 2D into an SWT image (so that the screen,
 * PNG and SVG all come from JFreeChart 1.5's own drawing), or a table; a click on a chart's point
 * asks for the call records of that bucket and key; its menu exports it or takes it off.
 */
public final class Tile {

    /** What a tile asks of the dashboard. */
    interface Owner {
        void drill(String query);

        void export(Tile tile, String format);

        void remove(Tile tile);
    }

    final Widget widget;
    final Composite root;
    private final Label title;
    private final Owner owner;
    private Control body;
    private KpiReport report;
    private JFreeChart chart;
    private TableData table;
    private ChartRenderingInfo info = new ChartRenderingInfo();
    private Image image;

    Tile(Composite parent, Widget widget, int index, Owner owner) {
        this.widget = widget;
        this.owner = owner;
        root = Widgets.id(new Composite(parent, SWT.BORDER), "kpi.tile." + index);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 300).applyTo(root);
        title = new Label(root, SWT.NONE);
        title.setText(widget.title() == null ? widget.type() : widget.title());
        Widgets.fillWidth(title);
        root.addDisposeListener(e -> disposeImage());
    }

    /** Shows a chart, or a table when {@code chart} is null. */
    void show(KpiReport answer, JFreeChart newChart, TableData newTable) {
        this.report = answer;
        this.chart = newChart;
        this.table = newTable;
        if (body != null) {
            body.dispose();
        }
        disposeImage();
        if (chart != null) {
            Canvas canvas = Widgets.id(new Canvas(root, SWT.DOUBLE_BUFFERED), "kpi.chart." + widget.title());
            canvas.addListener(SWT.Paint, e -> {
                Point size = canvas.getSize();
                if (image == null || image.getBounds().width != size.x || image.getBounds().height != size.y) {
                    disposeImage();
                    if (size.x > 0 && size.y > 0) {
                        image = new Image(canvas.getDisplay(), render(size.x, size.y));
                    }
                }
                if (image != null) {
                    e.gc.drawImage(image, 0, 0);
                }
            });
            canvas.addListener(SWT.MouseUp, e -> click(e.x, e.y));
            canvas.addListener(SWT.MouseMove, e -> {
                String tip = tip(e.x, e.y);
                if (!Objects.equals(tip, canvas.getToolTipText())) {
                    canvas.setToolTipText(tip);
                }
            });
            canvas.addListener(SWT.Resize, e -> canvas.redraw());
            body = canvas;
        } else {
            Table t = Widgets.id(new Table(root, SWT.BORDER | SWT.FULL_SELECTION), "kpi.table." + widget.title());
            t.setHeaderVisible(true);
            for (String h : table.headers()) {
                TableColumn c = new TableColumn(t, SWT.NONE);
                c.setText(h);
                c.setWidth(h.length() > 6 ? 95 : 75);
            }
            for (int r = 0; r < table.rows().size(); r++) {
                TableItem item = new TableItem(t, SWT.NONE);
                item.setText(table.rows().get(r));
                for (int c = 0; c < table.headers().length; c++) {
                    Color fill = TableData.FILLS[table.levels().get(r)[c]];
                    item.setBackground(c, new org.eclipse.swt.graphics.Color(fill.getRed(), fill.getGreen(),
                            fill.getBlue()));
                }
            }
            t.addListener(SWT.DefaultSelection, e -> {
                int i = t.getSelectionIndex();
                if (i >= 0) {
                    owner.drill(Drilldown.query(widget.scope(), table.rows().get(i)[0].equals("all calls") ? ""
                            : table.rows().get(i)[0], report.from(), report.to()));
                }
            });
            body = t;
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        body.setMenu(menu(body));
        root.layout(true, true);
    }

    /** Says instead of the widget why it cannot be drawn. */
    void missing(String why) {
        Label l = Widgets.id(new Label(root, SWT.WRAP), "kpi.missing." + widget.title());
        l.setText(why);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(l);
        body = l;
        root.layout(true, true);
    }

    /** @return whether something was drawn: a chart with data, or a table with rows */
    public boolean drawn() {
        if (table != null) {
            return !table.rows().isEmpty();
        }
        if (chart == null) {
            return false;
        }
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        draw(g, new Rectangle2D.Double(0, 0, 400, 300));
        g.dispose();
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < 400; x += 3) {
            for (int y = 0; y < 300; y += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size() > 8 && !report.series().isEmpty();
    }

    public Widget widget() {
        return widget;
    }

    /**
     * @return the highest point of a time series as drawn: its x and y on the canvas and its value,
     *         or null before it is drawn; where a click drills down
     */
    public double[] highestPoint() {
        double[] best = null;
        if (info.getEntityCollection() != null) {
            for (Object o : info.getEntityCollection().getEntities()) {
                if (o instanceof XYItemEntity e) {
                    double v = e.getDataset().getYValue(e.getSeriesIndex(), e.getItem());
                    if (best == null || v > best[2]) {
                        Rectangle r = e.getArea().getBounds();
                        best = new double[] { r.x + r.width / 2.0, r.y + r.height / 2.0, v };
                    }
                }
            }
        }
        return best;
    }

    /** @return what the point or bar under the pointer says (series, bucket, value and unit), or null */
    public String tip(int x, int y) {
        ChartEntity entity = info.getEntityCollection() == null ? null : info.getEntityCollection().getEntity(x, y);
        String unit = BuiltInCharts.UNITS.getOrDefault(widget.kpi(), "");
        if (entity instanceof XYItemEntity xy) {
            Number v = xy.getDataset().getY(xy.getSeriesIndex(), xy.getItem());
            long millis = (long) xy.getDataset().getXValue(xy.getSeriesIndex(), xy.getItem());
            return v == null ? null : xy.getDataset().getSeriesKey(xy.getSeriesIndex()) + "  ·  "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(report.zone()))
                            .format(Instant.ofEpochMilli(millis)) + "  ·  " + number(v) + " " + unit;
        }
        if (entity instanceof CategoryItemEntity bar) {
            Number v = bar.getDataset().getValue(bar.getRowKey(), bar.getColumnKey());
            return v == null ? null : bar.getColumnKey() + "  ·  " + number(v) + " " + unit;
        }
        return null;
    }

    private static String number(Number v) {
        double d = v.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.2f", d);
    }

    /** @return how many points of the chart's lines are gaps, where a bucket has no value */
    public int gaps() {
        int gaps = 0;
        if (chart != null && chart.getPlot() instanceof XYPlot plot && plot.getDataset() != null) {
            for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
                for (int i = 0; i < plot.getDataset().getItemCount(s); i++) {
                    gaps += plot.getDataset().getY(s, i) == null ? 1 : 0;
                }
            }
        }
        return gaps;
    }

    /** @return the report the tile shows */
    public KpiReport report() {
        return report;
    }

    /** @return the control that shows the widget: the chart's canvas or the table */
    public Control body() {
        return body;
    }

    JFreeChart chart() {
        return chart;
    }

    /** Draws the widget (its title above) into an export. */
    void draw(Graphics2D g, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (chart != null) {
            chart.draw(g, area);
        } else if (table != null) {
            table.draw(g, area);
        }
    }

    private ImageData render(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
        g.dispose();
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            img.getRGB(0, y, width, 1, row, 0, width);
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    private void click(int x, int y) {
        ChartEntity entity = info.getEntityCollection() == null ? null : info.getEntityCollection().getEntity(x, y);
        if (entity instanceof XYItemEntity xy) {
            KpiSeries s = report.series().get(xy.getSeriesIndex());
            long millis = (long) xy.getDataset().getXValue(xy.getSeriesIndex(), xy.getItem());
            List<KpiBucket> buckets = s.buckets();
            for (int i = 0; i < buckets.size(); i++) {
                if (buckets.get(i).start().toInstant().toEpochMilli() == millis) {
                    OffsetDateTime end = i + 1 < buckets.size() ? buckets.get(i + 1).start() : report.to();
                    owner.drill(Drilldown.query(widget.scope(), s.key(), buckets.get(i).start(), end));
                    return;
                }
            }
        } else if (entity instanceof CategoryItemEntity bar) {
            String label = bar.getColumnKey().toString();
            owner.drill(Drilldown.query(widget.scope(), label.equals("all calls") ? "" : label, report.from(),
                    report.to()));
        } else if (entity != null && !report.series().isEmpty()) {
            owner.drill(Drilldown.query(widget.scope(), report.series().get(0).key(), report.from(), report.to()));
        }
    }

    private Menu menu(Control on) {
        Menu m = new Menu(on);
        item(m, "Export PNG…", () -> owner.export(this, "png"));
        item(m, "Export SVG…", () -> owner.export(this, "svg"));
        new MenuItem(m, SWT.SEPARATOR);
        item(m, "Remove from Dashboard", () -> owner.remove(this));
        return m;
    }

    private static void item(Menu m, String text, Runnable action) {
        MenuItem i = new MenuItem(m, SWT.PUSH);
        i.setText(text);
        i.addListener(SWT.Selection, e -> action.run());
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
