package io.switchboard.console.ui.widgets;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
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

    /**
     * Runs {@code call}; its answer goes to {@code done}, a failure to {@code failed}, both on the UI
     * thread; neither when the admin cancelled the work in the Progress view.
     */
    public static <T> Job run(Control owner, String title, ServerCall<T> call, Consumer<T> done,
            Consumer<ManagementException> failed) {
        Job job = new Job(title) {
            private volatile Thread worker;

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(title, IProgressMonitor.UNKNOWN);
                worker = Thread.currentThread();
                try {
                    T answer = call.call();
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    onUi(owner, () -> done.accept(answer));
                } catch (ManagementException e) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    onUi(owner, () -> failed.accept(e));
                } finally {
                    worker = null;
                    Thread.interrupted(); // a cancel's interrupt ends here, not in the next job of this thread
                    monitor.done();
                }
                return Status.OK_STATUS;
            }

            /** Cancel (the Progress view) interrupts the wait for the server; its answer is dropped. */
            @Override
            protected void canceling() {
                Thread t = worker;
                if (t != null) {
                    t.interrupt();
                }
            }
        };
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
