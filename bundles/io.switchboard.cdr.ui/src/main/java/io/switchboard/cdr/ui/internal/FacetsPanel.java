package io.switchboard.cdr.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.switchboard.console.ui.widgets.Widgets;

/**
 * The counts of a result by trunk, disposition, SIP code and hour of day (UTC); a click on a value
 * narrows the search to it.
 */
final class FacetsPanel {

    static final List<String> FACETS = List.of("trunk", "disposition", "sipCode", "hour");
    private static final Map<String, String> TITLES = Map.of("trunk", "Trunk", "disposition", "Disposition",
            "sipCode", "SIP code", "hour", "Hour of day (UTC)");

    private final Map<String, Table> tables = new LinkedHashMap<>();

    /** @param clicked gets the facet and its value when one is clicked */
    FacetsPanel(Composite parent, BiConsumer<String, String> clicked) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(body);
        for (String facet : FACETS) {
            Group g = new Group(body, SWT.NONE);
            g.setText(TITLES.get(facet));
            GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(g);
            GridDataFactory.fillDefaults().grab(true, true).applyTo(g);
            Table t = Widgets.id(new Table(g, SWT.FULL_SELECTION | SWT.SINGLE), "cdr.facet." + facet);
            new TableColumn(t, SWT.NONE).setWidth(120);
            new TableColumn(t, SWT.RIGHT).setWidth(70);
            GridDataFactory.fillDefaults().grab(true, true).hint(190, 60).applyTo(t);
            t.addListener(SWT.Selection, e -> {
                if (e.item instanceof TableItem item) {
                    clicked.accept(facet, (String) item.getData());
                }
            });
            tables.put(facet, t);
        }
    }

    void show(Map<String, Map<String, Long>> facets) {
        tables.forEach((facet, table) -> {
            table.removeAll();
            Map<String, Long> counts = facets.getOrDefault(facet, Map.of());
            List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
            if (facet.equals("hour")) {
                rows.sort(Map.Entry.comparingByKey());
            }
            for (Map.Entry<String, Long> e : rows) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] { facet.equals("hour") ? e.getKey() + ":00" : e.getKey(),
                        String.format("%,d", e.getValue()) });
                item.setData(e.getKey());
            }
        });
    }
}
