package io.switchboard.queue.ui.internal;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.QueuesClient;
import io.switchboard.mgmt.client.QueuesClient.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The queues' settings on the selected server, and a form to make or change one. A queue is saved with the version
 * it was read at: when another admin changed it meanwhile the server refuses the save (412) and the form says so,
 * keeping what was typed; a refused field is named above the form, as the server says it.
 */
public class QueueSettingsPart extends LiveViewPart {

    static final String[] STRATEGIES = { "LONGEST_IDLE", "ROUND_ROBIN", "FEWEST_CALLS", "SKILL", "RING_ALL" };

    @Inject
    SelectedServer server;

    private TableViewer table;
    private FieldForm form;
    private Text name;
    private Combo strategy;
    private Text members;
    private Button dynamic;
    private Text ringSeconds;
    private Text wrapUpSeconds;
    private Text maxWaitSeconds;
    private Text maxCallers;
    private Text announceSeconds;
    private Text overflow;
    private Button callback;
    private Text skill;
    private Text music;
    private Text description;
    private Label shown;
    /** The version the form's queue was read at; 0 for a new one. */
    private long version;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 2);
        new Label(bar, SWT.NONE).setText("Call queues' settings (every server of the cluster follows them)");
        Label status = Widgets.id(new Label(bar, SWT.NONE), "queues.status");
        // the queues on the left, the chosen one's form on the right: both in sight on a laptop's screen
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(false).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        table = Columns.viewer(body, "queues.table", SWT.SINGLE);
        Columns.add(table, "Queue", 70, (Settings q) -> q.name());
        Columns.add(table, "Strategy", 110, (Settings q) -> q.strategy());
        Columns.add(table, "Members", 140, (Settings q) -> String.join(", ", q.members()));
        Columns.add(table, "Logins", 55, (Settings q) -> q.dynamic() ? "yes" : "no");
        Columns.add(table, "Overflow", 120, (Settings q) -> q.overflow() == null ? "" : q.overflow());
        Columns.add(table, "Skill", 70, (Settings q) -> q.skill() == null ? "" : q.skill());
        Columns.add(table, "Version", 60, (Settings q) -> Long.toString(q.version()));
        Columns.add(table, "Description", 140, (Settings q) -> q.description() == null ? "" : q.description());
        Composite right = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        GridDataFactory.fillDefaults().grab(false, true).applyTo(right);
        // the buttons above the fields: in sight however many fields the form grows to
        Composite actions = Widgets.toolbar(right, 4);
        Widgets.button(actions, "Save", "queues.save", this::save);
        Widgets.button(actions, "New", "queues.new", this::blank);
        Widgets.button(actions, "Delete", "queues.delete", this::delete);
        shown = Widgets.id(new Label(actions, SWT.WRAP), "queues.shown");
        Widgets.fillWidth(shown);
        form = new FieldForm(right, "queues", () -> { });
        name = form.text("name", "Queue (extension):", "600");
        name.addModifyListener(e -> version = 0);
        strategy = form.choice("strategy", "Who rings first:", STRATEGIES);
        strategy.select(0);
        members = form.text("members", "Members, always in:", "alice, bob, +12025550123");
        dynamic = form.check("dynamic", "Agents may log in and out (*45, *46, *47)");
        ringSeconds = form.text("ringSeconds", "Seconds an agent rings:", "15");
        wrapUpSeconds = form.text("wrapUpSeconds", "Wrap-up seconds after a call:", "10");
        maxWaitSeconds = form.text("maxWaitSeconds", "Longest wait, seconds:", "600");
        maxCallers = form.text("maxCallers", "Most callers in line:", "20");
        announceSeconds = form.text("announceSeconds", "Place announced every (s, 0 never):", "45");
        overflow = form.text("overflow", "Overflow to:", "voicemail:alice, a queue, a number");
        callback = form.check("callback", "Callers may press 1 to be called back");
        skill = form.text("skill", "Skill callers need:", "french");
        music = form.text("music", "Music class:", "default");
        description = form.text("description", "Description:", "");
        table.addSelectionChangedListener(e -> {
            Settings q = (Settings) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (q != null) {
                fill(q);
            }
        });
        live = LiveRefresh.of("queue settings", status, server, () -> new QueuesClient(server.client()).settings(),
                List.of(), table::setInput);
    }

    private void fill(Settings q) {
        form.load(() -> {
            name.setText(q.name());
            version = q.version(); // after the name: typing a name starts a new queue
            strategy.select(Math.max(0, Arrays.asList(STRATEGIES).indexOf(q.strategy())));
            members.setText(String.join(", ", q.members()));
            dynamic.setSelection(q.dynamic());
            ringSeconds.setText(Integer.toString(q.ringSeconds()));
            wrapUpSeconds.setText(Integer.toString(q.wrapUpSeconds()));
            maxWaitSeconds.setText(Integer.toString(q.maxWaitSeconds()));
            maxCallers.setText(Integer.toString(q.maxCallers()));
            announceSeconds.setText(Integer.toString(q.announceSeconds()));
            overflow.setText(q.overflow() == null ? "" : q.overflow());
            callback.setSelection(q.callback());
            skill.setText(q.skill() == null ? "" : q.skill());
            music.setText(q.music() == null ? "" : q.music());
            description.setText(q.description() == null ? "" : q.description());
        });
        said(q.name() + " at version " + q.version());
    }

    private void blank() {
        form.load(() -> {
            for (Text t : List.of(name, members, ringSeconds, wrapUpSeconds, maxWaitSeconds, maxCallers,
                    announceSeconds, overflow, skill, music, description)) {
                t.setText("");
            }
            strategy.select(0);
            dynamic.setSelection(false);
            callback.setSelection(false);
            version = 0;
        });
        said("A new queue: name it and save");
    }

    private void save() {
        String n = name.getText().trim();
        if (n.isEmpty()) {
            form.showMessage("Name the queue: the extension callers dial (600)");
            return;
        }
        Settings q;
        try {
            q = new Settings(n, strategy.getText(), QueueText.names(members.getText()), dynamic.getSelection(),
                    QueueText.number("ringSeconds", ringSeconds.getText(), 15),
                    QueueText.number("wrapUpSeconds", wrapUpSeconds.getText(), 10),
                    QueueText.number("maxWaitSeconds", maxWaitSeconds.getText(), 600),
                    QueueText.number("maxCallers", maxCallers.getText(), 20), overflow.getText(),
                    QueueText.number("announceSeconds", announceSeconds.getText(), 45), callback.getSelection(),
                    skill.getText(), music.getText(), description.getText(), version);
        } catch (IllegalArgumentException e) {
            form.showMessage("Not saved: " + e.getMessage());
            return;
        }
        ServerWork.run(table.getControl(), "Save queue " + n, () -> new QueuesClient(server.client()).save(q),
                saved -> {
                    fill(saved);
                    refresh();
                }, this::refused);
    }

    /** The form keeps what was typed, and the server's reason is said above it. */
    private void refused(ManagementException e) {
        form.showError(e);
        said(e.status() == 412 ? "Not saved: someone changed " + name.getText().trim()
                + " meanwhile. Choose it in the table to see their change, then make yours on it" : "Not saved");
    }

    private void delete() {
        String n = name.getText().trim();
        if (!n.isEmpty()) {
            ServerWork.run(table.getControl(), "Delete queue " + n, () -> new QueuesClient(server.client()).delete(n),
                    gone -> {
                        said(gone ? "Deleted " + n : "No queue " + n);
                        refresh();
                    }, this::refused);
        }
    }

    private void said(String text) {
        shown.setText(text);
        shown.getParent().layout();
    }
}
