package io.switchboard.groups.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.GroupsClient;
import io.switchboard.mgmt.client.GroupsClient.Group;
import io.switchboard.mgmt.client.GroupsClient.Member;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Ring and hunt groups on the selected server, live, and a form to make or change one: its
 * extension, strategy, members (each with its own ring time in a one-at-a-time strategy), where
 * unanswered calls go, and the schedule of its hours. The server checks every member and destination
 * as the group is saved; a refusal is said beside the form.
 */
public class GroupsPart extends LiveViewPart {

    static final String[] STRATEGIES = { "ring_all", "in_order", "round_robin", "longest_idle" };

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Text name;
    private Text extension;
    private Combo strategy;
    private Spinner seconds;
    private Text members;
    private Text noAnswer;
    private Text schedule;
    private Text closed;
    private Label shown;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 9);
        new Label(bar, SWT.NONE).setText("Group:");
        name = Widgets.id(new Text(bar, SWT.BORDER), "groups.name");
        name.setMessage("sales");
        name.setLayoutData(new GridData(120, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Extension:");
        extension = Widgets.id(new Text(bar, SWT.BORDER), "groups.extension");
        extension.setMessage("600");
        extension.setLayoutData(new GridData(90, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Strategy:");
        strategy = Widgets.id(new Combo(bar, SWT.READ_ONLY), "groups.strategy");
        strategy.setItems(STRATEGIES);
        strategy.select(0);
        new Label(bar, SWT.NONE).setText("Ring (s):");
        seconds = Widgets.id(new Spinner(bar, SWT.BORDER), "groups.seconds");
        seconds.setValues(20, 5, 300, 0, 5, 30);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "groups.status");
        Composite form = Widgets.toolbar(parent, 4);
        members = Widgets.hinted(form, "Members (bob, carol:15, +447700900123:20):", "groups.members", "bob, carol");
        noAnswer = Widgets.hinted(form, "No answer:", "groups.noAnswer", "voicemail:bob, a user, a number, a group");
        schedule = Widgets.hinted(form, "Rings only in schedule:", "groups.schedule", "none: always");
        closed = Widgets.hinted(form, "Outside it, to:", "groups.closed", "none: 480");
        Composite actions = Widgets.toolbar(parent, 3);
        Widgets.button(actions, "Save", "groups.save", this::save);
        Widgets.button(actions, "Delete", "groups.delete", this::delete);
        shown = Widgets.id(new Label(actions, SWT.NONE), "groups.shown");
        Widgets.fillWidth(shown);
        table = Columns.viewer(parent, "groups.table", SWT.SINGLE);
        Columns.add(table, "Group", 110, (Group g) -> g.name());
        Columns.add(table, "Extension", 90, (Group g) -> g.extension());
        Columns.add(table, "Strategy", 110, (Group g) -> g.strategy() + ", " + g.ringSeconds() + " s");
        Columns.add(table, "Members", 260, (Group g) -> members(g.members()));
        Columns.add(table, "No answer", 140, (Group g) -> text(g.noAnswer()));
        Columns.add(table, "Schedule", 220, (Group g) -> g.schedule() == null ? "always"
                : g.schedule() + (g.closedDestination() == null ? ", else 480" : ", else " + g.closedDestination()));
        table.addSelectionChangedListener(e -> {
            Group g = (Group) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (g != null) {
                fill(g);
            }
        });
        live = LiveRefresh.of("groups", status, server, () -> new GroupsClient(server.client()).all(), List.of(),
                table::setInput);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** @return "bob, carol:15": a member's own ring time after a colon */
    static String members(List<Member> list) {
        return list == null ? "" : list.stream().map(m -> m.seconds() > 0 ? m.member() + ":" + m.seconds() : m.member())
                .collect(Collectors.joining(", "));
    }

    /** @return the members the form lists; the server checks each */
    static List<Member> members(String text) {
        List<Member> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            String seconds = colon > 0 ? part.substring(colon + 1) : "";
            if (colon > 0 && seconds.matches("\\d{1,3}")) {
                out.add(new Member(part.substring(0, colon), Integer.parseInt(seconds)));
            } else {
                out.add(new Member(part, 0));
            }
        }
        return out;
    }

    private void fill(Group g) {
        shown.setForeground(null);
        name.setText(g.name());
        extension.setText(text(g.extension()));
        strategy.select(Math.max(0, List.of(STRATEGIES).indexOf(g.strategy())));
        seconds.setSelection(g.ringSeconds());
        members.setText(members(g.members()));
        noAnswer.setText(text(g.noAnswer()));
        schedule.setText(text(g.schedule()));
        closed.setText(text(g.closedDestination()));
        shown.setText(g.name() + ": " + g.members().size() + " member(s)");
        shown.getParent().layout();
    }

    private void save() {
        String n = name.getText().trim();
        if (n.isEmpty()) {
            return;
        }
        Group g = new Group(n, extension.getText().trim(), strategy.getText(), seconds.getSelection(),
                members(members.getText()), noAnswer.getText(), schedule.getText(), closed.getText(), null);
        ServerWork.run(table.getControl(), "Save group " + n, () -> new GroupsClient(server.client()).save(g), saved -> {
            fill(saved);
            refresh();
        }, e -> ErrorDialogs.beside(shown, "Not saved: ", e));
    }

    private void delete() {
        String n = name.getText().trim();
        if (!n.isEmpty()) {
            ServerWork.run(table.getControl(), "Delete group " + n, () -> new GroupsClient(server.client()).delete(n),
                    gone -> {
                        shown.setForeground(null);
                        shown.setText(gone ? "Deleted " + n : "No group " + n);
                        shown.getParent().layout();
                        refresh();
                    }, e -> ErrorDialogs.beside(shown, "Not deleted: ", e));
        }
    }
}
