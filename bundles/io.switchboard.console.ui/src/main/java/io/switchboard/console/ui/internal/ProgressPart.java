package io.switchboard.console.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Window, Progress: the console's work in the background (every server call, import and export),
 * running or waiting, and the last that ended with how; Cancel stops the selected one (its answer is
 * dropped, the view that asked keeps what it showed).
 */
public class ProgressPart {

    private static final int ENDED_KEPT = 50;

    /** A piece of work as the table shows it; {@code ended} says how it ended, null while it runs or waits. */
    record Work(Job job, Instant started, String ended) {

        String state() {
            return ended != null ? ended : (job.getState() == Job.RUNNING ? "running" : "waiting") + " for " + took(started);
        }
    }

    private final Map<Job, Instant> started = new ConcurrentHashMap<>();
    private final ArrayDeque<Work> ended = new ArrayDeque<>();
    private final JobChangeAdapter listener = new JobChangeAdapter() {
        @Override
        public void scheduled(IJobChangeEvent event) {
            if (!event.getJob().isSystem()) {
                started.put(event.getJob(), Instant.now());
                refresh();
            }
        }

        @Override
        public void done(IJobChangeEvent event) {
            Instant at = started.remove(event.getJob());
            if (at != null) {
                IStatus r = event.getResult();
                String how = r == null || r.isOK() ? "done" : r.getSeverity() == IStatus.CANCEL ? "cancelled"
                        : "failed: " + r.getMessage();
                synchronized (ended) {
                    ended.addFirst(new Work(event.getJob(), at, how + " after " + took(at)));
                    while (ended.size() > ENDED_KEPT) {
                        ended.removeLast();
                    }
                }
                refresh();
            }
        }
    };
    private TableViewer table;
    private Button cancel;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 2);
        cancel = Widgets.button(bar, "Cancel", "progress.cancel", this::cancelSelected);
        cancel.setEnabled(false);
        Label hint = new Label(bar, SWT.NONE);
        hint.setText("Work the console does in the background; Cancel stops the selected one.");
        Widgets.fillWidth(hint);
        table = Columns.viewer(parent, "progress.table", SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        Columns.add(table, "Work", 320, (Work w) -> w.job().getName());
        Columns.add(table, "State", 260, Work::state);
        Columns.add(table, "Started", 190, (Work w) -> ConsoleSettings.time(w.started()));
        table.addSelectionChangedListener(e -> cancel.setEnabled(selected() != null
                && selected().job().getState() != Job.NONE));
        Job.getJobManager().addJobChangeListener(listener);
        for (Job j : Job.getJobManager().find(null)) {
            if (!j.isSystem()) {
                started.putIfAbsent(j, Instant.now());
            }
        }
        show();
        tick(parent.getDisplay());
    }

    /** While work runs, its time goes on every second. */
    private void tick(Display display) {
        display.timerExec(1000, () -> {
            if (!table.getControl().isDisposed()) {
                if (!started.isEmpty()) {
                    table.refresh(true);
                }
                tick(display);
            }
        });
    }

    private Work selected() {
        return (Work) ((IStructuredSelection) table.getSelection()).getFirstElement();
    }

    private void cancelSelected() {
        Work w = selected();
        if (w != null) {
            w.job().cancel();
            cancel.setEnabled(false);
        }
    }

    private void refresh() {
        if (table != null) {
            ServerWork.onUi(table.getControl(), this::show);
        }
    }

    private void show() {
        List<Work> rows = new ArrayList<>();
        started.forEach((job, at) -> rows.add(new Work(job, at, null)));
        rows.sort((a, b) -> b.started().compareTo(a.started()));
        synchronized (ended) {
            rows.addAll(ended);
        }
        table.setInput(rows);
        cancel.setEnabled(selected() != null && selected().job().getState() != Job.NONE);
    }

    private static String took(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    @PreDestroy
    void dispose() {
        Job.getJobManager().removeJobChangeListener(listener);
    }
}
