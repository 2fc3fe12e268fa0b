package io.switchboard.cdr.ui.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Quality;
import io.switchboard.console.ui.EditorInput;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.CallLadder;
import io.switchboard.mgmt.client.CdrClient;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * One call's whole story, opened from its record: every field, the SIP ladder as a sequence
 * diagram, the quality each side sent, and the recording with a player. It keeps to the server the
 * record came from.
 */
public class CallRecordEditor {

    @Inject
    private MPart part;

    private Label heading;
    private CTabFolder tabs;
    private Table fields;
    private Table quality;
    private LadderView ladder;
    private RecordingView recording;
    private CdrClient cdr;
    private String id;
    private boolean recordingAsked;

    @PostConstruct
    public void createControls(Composite parent) {
        EditorInput input = EditorInput.of(part);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        heading = Widgets.id(new Label(parent, SWT.WRAP), "record.heading");
        Widgets.fillWidth(heading);
        tabs = Widgets.id(new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM), "record.tabs");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        fields = table(tabs, "record.fields", "Field", "Value (times in " + ConsoleSettings.zone() + ")");
        tab("Record", fields);
        CdrClient cdr = new CdrClient(input.client());
        String id = input.object().key();
        ladder = new LadderView(tabs, cdr, id);
        tab("SIP Ladder", ladder.control());
        quality = table(tabs, "record.quality", "Measure", "Caller's side sent (A)", "Callee's side sent (B)");
        tab("Quality", quality);
        recording = new RecordingView(tabs);
        tab("Recording", recording.control());
        tabs.setSelection(0);
        tabs.addListener(SWT.Selection, e -> selected());
        this.cdr = cdr;
        this.id = id;
        heading.setText("Reading call record " + id + " on " + input.serverName() + "…");
        ServerWork.run(heading, "Reading call record " + id, () -> cdr.record(id), r -> {
            showRecord(r, input.serverName());
            ServerWork.run(heading, "Reading the SIP ladder", () -> r.callIds().isEmpty() ? Optional.<CallLadder>empty()
                    : cdr.ladder(id), ladder::show, e -> ladder.failed(ErrorDialogs.reason(e)));
        }, e -> heading.setText("Cannot read call record " + id + ": " + ErrorDialogs.reason(e)));
    }

    /** The recording is read when its tab is first shown: an hour of it is tens of megabytes. */
    private void selected() {
        if (!recordingAsked && tabs.getSelection() != null && tabs.getSelection().getText().equals("Recording")) {
            recordingAsked = true;
            ServerWork.run(heading, "Reading the recording", () -> cdr.attachment(id, "recording")
                    .map(RecordingView.Loaded::of), recording::show, e -> recording.failed(ErrorDialogs.reason(e)));
        }
    }

    private void showRecord(CallRecord r, String server) {
        heading.setText(String.format("%s → %s  ·  %s %s  ·  %s  ·  %d s  ·  on %s", or(r.caller()), or(r.callee()),
                r.disposition().name().toLowerCase(Locale.ROOT), r.sipCode() == 0 ? "" : Integer.toString(r.sipCode()),
                ConsoleSettings.time(r.start()), r.durationSeconds(), server));
        for (String[] row : Rows.details(r)) {
            new TableItem(fields, SWT.NONE).setText(row);
        }
        row(quality, "Codec", or(r.codec()), or(r.codec()));
        row(quality, "MOS", fixed(r.qualityA().mos(), 2), fixed(r.qualityB().mos(), 2));
        row(quality, "Jitter (ms)", fixed(r.qualityA().jitterMs(), 1), fixed(r.qualityB().jitterMs(), 1));
        row(quality, "Loss (%)", fixed(r.qualityA().lossPercent(), 2), fixed(r.qualityB().lossPercent(), 2));
        row(quality, "Round trip (ms)", fixed(r.qualityA().rttMs(), 1), fixed(r.qualityB().rttMs(), 1));
        if (Quality.NONE.equals(r.qualityA()) && Quality.NONE.equals(r.qualityB())) {
            row(quality, "Not measured: the media did not pass the relay (media policy)", "", "");
        }
        part.setLabel(or(r.caller()) + " → " + or(r.callee()));
    }

    private static Table table(Composite parent, String id, String... columns) {
        Table table = Widgets.id(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI), id);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : columns) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c);
            column.setWidth(columns.length == 2 && c.equals(columns[1]) ? 640 : 200);
        }
        return table;
    }

    private void tab(String title, Control control) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(control);
    }

    private static void row(Table table, String... cells) {
        new TableItem(table, SWT.NONE).setText(cells);
    }

    private static String fixed(Double value, int places) {
        return value == null ? "" : String.format("%." + places + "f", value);
    }

    private static String or(Object value) {
        return value == null ? "" : value.toString();
    }

    /** For the UI tests: the tabs' contents. */
    public LadderView ladder() {
        return ladder;
    }

    public RecordingView recording() {
        return recording;
    }

    public List<String> tabTitles() {
        return List.of(tabs.getItems()).stream().map(CTabItem::getText).toList();
    }

    /** Brings the tab with this title to the front, as a click on it does. */
    public void showTab(String title) {
        for (CTabItem item : tabs.getItems()) {
            if (item.getText().equals(title)) {
                tabs.setSelection(item);
                selected();
            }
        }
    }

    @Focus
    public void focus() {
        tabs.setFocus();
    }
}
