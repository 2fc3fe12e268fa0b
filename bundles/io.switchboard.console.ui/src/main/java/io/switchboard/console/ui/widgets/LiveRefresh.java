package io.switchboard.console.ui.widgets;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Keeps a live view fresh: loads it now and then every {@link ConsoleSettings#refreshSeconds()}
 * seconds in a system job, for as long as its status label lives. When the server stops answering
 * the label says "disconnected, retrying" and the view keeps its last data; no dialog is opened,
 * so a lost server is one line, not a storm of errors.
 */
public final class LiveRefresh<T> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Label status;
    private final Supplier<String> server;
    private final ServerCall<T> load;
    private final Consumer<T> show;
    private final Job job;

    /**
     * @param what the view, for the job's name ("trunk health")
     * @param status the view's status line; the refresh stops when it is disposed
     * @param server names the server for the status line
     * @param load the blocking call that fetches the view's data
     * @param show puts the data into the view, on the UI thread
     */
    public LiveRefresh(String what, Label status, Supplier<String> server, ServerCall<T> load, Consumer<T> show) {
        this.status = status;
        this.server = server;
        this.load = load;
        this.show = show;
        this.job = Job.createSystem("Refreshing " + what, this::run);
        status.addDisposeListener(e -> job.cancel());
        job.schedule();
    }

    /**
     * Keeps a view of the selected server fresh; while none is connected the view shows
     * {@code empty} and the status line says why.
     */
    public static <T> LiveRefresh<T> of(String what, Label status, SelectedServer server, ServerCall<T> load, T empty,
            Consumer<T> show) {
        return new LiveRefresh<>(what, status, () -> server.connected() || server.lost() ? server.name().orElse(null)
                : null, () -> {
                    if (server.lost()) {
                        // the rows stay, and the status line says the server is not answering
                        throw new ManagementException("not answering", 0, null);
                    }
                    return server.connected() ? load.call() : empty;
                }, show);
    }

    /** Loads again at once (after a change, or F5). */
    public void now() {
        job.cancel();
        job.schedule();
    }

    private IStatus run(IProgressMonitor monitor) {
        if (status.isDisposed()) {
            return Status.CANCEL_STATUS;
        }
        int seconds = ConsoleSettings.refreshSeconds();
        try {
            T data = load.call();
            ServerWork.onUi(status, () -> {
                show.accept(data);
                status.setText("Live: updated " + LocalTime.now().format(CLOCK) + ", every " + seconds + " s");
            });
        } catch (ManagementException e) {
            String text = e.status() == 0 && server.get() != null
                    ? "Disconnected from " + server.get() + ", retrying every " + seconds + " s ("
                            + ErrorDialogs.reason(e) + ")"
                    : ErrorDialogs.reason(e);
            ServerWork.onUi(status, () -> status.setText(text));
        }
        if (!monitor.isCanceled() && !status.isDisposed()) {
            job.schedule(seconds * 1000L);
        }
        return Status.OK_STATUS;
    }
}
