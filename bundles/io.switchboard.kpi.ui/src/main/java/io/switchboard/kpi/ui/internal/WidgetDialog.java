package io.switchboard.kpi.ui.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.QueueKpis;
import io.switchboard.kpi.api.Scope;
import io.switchboard.kpi.api.Widget;

/** Asks what a new widget shows: its type, KPI, scope (one key or the busiest), buckets and title. */
final class WidgetDialog extends Dialog {

    private static final List<String> KPIS = Stream.concat(Stream.of("attempts", "answered", "asr", "ner", "acd",
            "pdd", "pdd95", "mos", "mos5", "jitter", "loss", "peakConcurrent", "peakCps"), QueueKpis.NAMES.stream())
            .toList();

    private Combo type;
    private Combo kpi;
    private Combo scope;
    private Text key;
    private Combo granularity;
    private Text title;
    private Widget widget;

    WidgetDialog(Shell parent) {
        super(parent);
    }

    Widget widget() {
        return widget;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Widget");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        type = combo(area, "Type", "kpi.widget.type", WidgetTypes.all());
        kpi = combo(area, "KPI", "kpi.widget.kpi", KPIS);
        kpi.select(KPIS.indexOf("asr"));
        scope = combo(area, "Of", "kpi.widget.scope", List.of("all", "trunk", "did", "user", "destination",
                "queue"));
        scope.select(1);
        new Label(area, SWT.NONE).setText("Key (empty: the busiest)");
        key = Widgets.id(new Text(area, SWT.BORDER), "kpi.widget.key");
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(key);
        granularity = combo(area, "Buckets", "kpi.widget.granularity", List.of("5m", "1h", "1d"));
        granularity.select(1);
        new Label(area, SWT.NONE).setText("Title");
        title = Widgets.id(new Text(area, SWT.BORDER), "kpi.widget.title");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        return area;
    }

    @Override
    protected void okPressed() {
        String t = title.getText().isBlank() ? kpi.getText().toUpperCase(Locale.ROOT) + " per " + scope.getText()
                : title.getText().trim();
        widget = new Widget(type.getText(), t, kpi.getText(), Scope.of(scope.getText()),
                key.getText().isBlank() ? null : key.getText().trim(), Granularity.of(granularity.getText()), 5,
                Map.of());
        super.okPressed();
    }

    private static Combo combo(Composite area, String label, String id, List<String> items) {
        new Label(area, SWT.NONE).setText(label);
        Combo c = Widgets.id(new Combo(area, SWT.DROP_DOWN | SWT.READ_ONLY), id);
        c.setItems(items.toArray(String[]::new));
        c.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(c);
        return c;
    }
}
