package io.switchboard.mgmt.core.internal;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * An import's body, streamed to its resource as it arrives, stopped with {@link Exceeded} at the
 * first line longer than the line limit or once the whole passes the size limit: imports may hold
 * millions of lines, but neither one line nor the whole may grow without bound.
 */
final class ImportCap extends ServletInputStream {

    /** The body broke a limit; the message names the line and the setting. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    private final ServletInputStream in;
    private final long maxBytes;
    private final int maxLineBytes;
    /** What is counted and the setting that bounds it, for the message; null for an import's. */
    private final String audioSetting;
    private long total;
    private int lineBytes;
    private long line = 1;

    ImportCap(ServletInputStream in, long maxBytes, int maxLineBytes) {
        this(in, maxBytes, maxLineBytes, null);
    }

    private ImportCap(ServletInputStream in, long maxBytes, int maxLineBytes, String audioSetting) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.maxLineBytes = maxLineBytes;
        this.audioSetting = audioSetting;
    }

    /** @return an audio upload's body, stopped past {@code maxBytes} (it has no lines) */
    static ImportCap audio(ServletInputStream in, long maxBytes, String setting) {
        return new ImportCap(in, maxBytes, Integer.MAX_VALUE, setting);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        for (int i = 0; i < n; i++) {
            count(buffer[off + i]);
        }
        return n;
    }

    private void count(byte b) throws Exceeded {
        if (++total > maxBytes && audioSetting != null) {
            throw new Exceeded("Audio body over " + maxBytes / (1024 * 1024) + " MB (" + audioSetting + " in "
                    + ManagementConfig.PID + ")");
        }
        if (total > maxBytes) {
            throw new Exceeded("Import body over " + maxBytes / (1024 * 1024) + " MB at line " + line
                    + " (maxImportMegabytes in " + ManagementConfig.PID + ")");
        }
        if (b == '\n') {
            line++;
            lineBytes = 0;
        } else if (++lineBytes > maxLineBytes) {
            throw new Exceeded("Line " + line + " of the import is longer than " + maxLineBytes / 1024
                    + " KB (maxImportLineKilobytes in " + ManagementConfig.PID + ")");
        }
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("Imports are read as a stream, not asynchronously");
    }
}
