package io.switchboard.console.ui.widgets;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;

import io.switchboard.mgmt.client.ManagementException;

/**
 * Runs server calls as jobs, off the UI thread, with their progress in the status bar, and hands
 * the answer back to the UI thread while the view that asked is still open.
 */
public final class ServerWork {

    private ServerWork() {
    }

    /** Runs {@code call}; its answer goes to {@code done}, a failure to a readable error dialog. */
    public static <T> Job run(Control owner, String title, ServerCall<T> call, Consumer<T> done) {
        return run(owner, title, call, done,
                e -> ErrorDialogs.show(owner.getShell(), title + " failed", e));
    }

    /** Runs {@code call}; its answer goes to {@code done}, a failure to {@code failed}, both on the UI thread. */
    public static <T> Job run(Control owner, String title, ServerCall<T> call, Consumer<T> done,
            Consumer<ManagementException> failed) {
        Job job = Job.create(title, (IProgressMonitor monitor) -> {
            monitor.beginTask(title, IProgressMonitor.UNKNOWN);
            try {
                T answer = call.call();
                onUi(owner, () -> done.accept(answer));
            } catch (ManagementException e) {
                onUi(owner, () -> failed.accept(e));
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.setUser(false);
        job.schedule();
        return job;
    }

    /** Runs {@code r} on the owner's UI thread unless the owner has been closed meanwhile. */
    public static void onUi(Control owner, Runnable r) {
        if (owner.isDisposed()) {
            return;
        }
        owner.getDisplay().asyncExec(() -> {
            if (!owner.isDisposed()) {
                r.run();
            }
        });
    }
}
