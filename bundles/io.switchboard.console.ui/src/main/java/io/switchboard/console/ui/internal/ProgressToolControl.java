package io.switchboard.console.ui.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The status bar's progress: the console's running work (every job but the system ones) by name,
 * with a busy bar, so that long work is visible without a dialog in the way.
 */
public class ProgressToolControl {

    private final Set<Job> running = ConcurrentHashMap.newKeySet();
    private final JobChangeAdapter listener = new JobChangeAdapter() {
        @Override
        public void running(IJobChangeEvent event) {
            if (!event.getJob().isSystem()) {
                running.add(event.getJob());
                update();
            }
        }

        @Override
        public void done(IJobChangeEvent event) {
            if (running.remove(event.getJob())) {
                update();
            }
        }
    };
    private Label label;
    private ProgressBar bar;

    @PostConstruct
    public void create(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 2).applyTo(c);
        label = Widgets.id(new Label(c, SWT.NONE), "status.progress.text");
        GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(label);
        bar = new ProgressBar(c, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().hint(140, 14).applyTo(bar);
        bar.setVisible(false);
        Job.getJobManager().addJobChangeListener(listener);
    }

    private void update() {
        ServerWork.onUi(label, () -> {
            Job first = running.stream().findFirst().orElse(null);
            label.setText(first == null ? "" : first.getName() + (running.size() > 1
                    ? " (+" + (running.size() - 1) + " more)" : "") + "…");
            bar.setVisible(first != null);
        });
    }

    @PreDestroy
    void dispose() {
        Job.getJobManager().removeJobChangeListener(listener);
    }
}
