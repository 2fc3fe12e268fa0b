package io.switchboard.cdr.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Streams every record of a search to a file in a job with progress and Cancel: the server streams
 * the export, the console copies it through without holding it.
 */
final class ExportJob extends Job {

    /** What is exported, in the order the table shows it: the server's sort field (null: newest first). */
    record Search(String query, String sort, boolean descending) {
    }

    private final CdrClient cdr;
    private final Search search;
    private final String format;
    private final Path file;
    private final long expected;

    ExportJob(CdrClient cdr, Search search, String format, Path file, long expected) {
        super("Exporting " + expected + " call records to " + file.getFileName());
        this.cdr = cdr;
        this.search = search;
        this.format = format;
        this.file = file;
        this.expected = expected;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (InputStream in = cdr.export(search.query(), search.sort(), search.descending(), format);
                OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[64 * 1024];
            long written = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                if (monitor.isCanceled()) {
                    out.close();
                    Files.deleteIfExists(part);
                    return Status.CANCEL_STATUS;
                }
                out.write(buffer, 0, n);
                written += n;
                monitor.subTask((written >> 20) + " MB written");
            }
        } catch (ManagementException | IOException e) {
            return Status.error("Cannot export the call records to " + file + ": " + e.getMessage(), e);
        } finally {
            monitor.done();
        }
        try {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return Status.error("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return Status.OK_STATUS;
    }
}
