package io.switchboard.console.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Every setting the selected server's bundles describe ({@code GET /api/v1/settings}, from their
 * Metatype): the PIDs with their files, and for the selected one each setting's type, default,
 * whether it is a secret, and what it does. Built from what the server reports, so a plugin's
 * settings appear with it and the page never falls behind the server.
 */
public class SettingsPart extends LiveViewPart {

    /** One PID as the server describes it. */
    public record Pid(String pid, boolean factory, String name, String description, String bundle, String file,
            List<Setting> attributes) {
    }

    /** One setting of a PID; its default is text, or a list for a list setting. */
    public record Setting(String id, String name, String description, String type, boolean secret, boolean required,
            boolean list, Object defaultValue) {
    }

    @Inject
    private SelectedServer server;

    private TableViewer pids;
    private TableViewer settings;
    private Label about;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 1);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "settings.status");
        Widgets.fillWidth(status);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(left);
        pids = Columns.viewer(left, "settings.pids", SWT.SINGLE);
        Columns.add(pids, "Settings", 230, (Pid p) -> p.pid() + (p.factory() ? " (one file each)" : ""));
        Columns.add(pids, "Of", 180, (Pid p) -> p.name());
        Composite right = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        about = Widgets.id(new Label(right, SWT.WRAP), "settings.about");
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(about);
        settings = Columns.viewer(right, "settings.attributes", SWT.SINGLE);
        Columns.add(settings, "Setting", 170, (Setting s) -> s.id());
        Columns.add(settings, "Type", 70, (Setting s) -> s.type() + (s.list() ? " list" : ""));
        Columns.add(settings, "Default", 120, (Setting s) -> s.secret() ? "(secret)"
                : s.defaultValue() == null ? "" : String.valueOf(s.defaultValue()));
        Columns.add(settings, "What it does", 420, (Setting s) -> (s.name() == null || s.name().equals(s.id()) ? ""
                : s.name() + ". ") + (s.description() == null ? "" : s.description()));
        sash.setWeights(35, 65);
        pids.addSelectionChangedListener(e -> show((Pid) ((IStructuredSelection) pids.getSelection()).getFirstElement()));
        live = LiveRefresh.of("settings", status, server, () -> server.client().list("settings", Pid.class), List.of(),
                list -> {
                    pids.setInput(list);
                    status.setText(list.size() + " settings files described by the server; edit them in its etc folder");
                });
    }

    private void show(Pid p) {
        about.setText(p == null ? "" : p.file() + " (" + p.bundle() + ")" + (p.description() == null ? ""
                : ": " + p.description()));
        about.getParent().layout();
        settings.setInput(p == null ? List.of() : p.attributes());
    }
}
