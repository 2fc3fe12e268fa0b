package io.switchboard.phone.ui.internal;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.PhoneCall;

/** A call's audio in figures, as the engine measures it, refreshed while the call lasts. */
final class StatsTable {

    static final String[] FIGURES = { "Codec", "Packets sent", "Packets received", "Loss", "Jitter", "Round trip",
            "Concealed", "Jitter buffer", "MOS", "Level heard" };

    private final Table table;

    StatsTable(Composite parent) {
        table = Widgets.id(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION), "phone.stats");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        new TableColumn(table, SWT.NONE).setText("Call quality");
        new TableColumn(table, SWT.NONE).setText("");
        table.getColumn(0).setWidth(130);
        table.getColumn(1).setWidth(160);
        for (String figure : FIGURES) {
            new TableItem(table, SWT.NONE).setText(figure);
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
    }

    Table control() {
        return table;
    }

    /** @param meter the call's incoming level, null once it ended */
    void show(PhoneCall call, LevelMeter meter) {
        String[] values = call == null ? new String[FIGURES.length] : values(call.stats(), meter);
        for (int i = 0; i < FIGURES.length; i++) {
            table.getItem(i).setText(1, values[i] == null ? "" : values[i]);
        }
    }

    private static String[] values(CallStats s, LevelMeter meter) {
        return new String[] { s.codec() == null ? "–" : s.codec(), Long.toString(s.packetsSent()),
                Long.toString(s.packetsReceived()), String.format("%.1f %%", s.lossPercent()),
                String.format("%.1f ms", s.jitterMs()), s.rttMs() == null ? "–" : String.format("%.0f ms", s.rttMs()),
                String.format("%.1f %%", s.concealedPercent()), s.jitterBufferMs() + " ms",
                s.mos() > 0 ? String.format("%.2f", s.mos()) : "–",
                meter == null ? "–" : meter.dbfs() <= LevelMeter.FLOOR_DBFS ? "silence"
                        : String.format("%.0f dBFS", meter.dbfs()) };
    }
}
