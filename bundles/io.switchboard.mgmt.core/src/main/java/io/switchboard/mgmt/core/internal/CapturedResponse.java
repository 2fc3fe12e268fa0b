package io.switchboard.mgmt.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that keeps the status and the first {@value #KEPT} bytes of what a resource writes:
 * passed on to the real response ({@code passOn}) for the request itself, or kept only, for the
 * audit's look at a resource before and after a change.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    static final int KEPT = 64 * 1024;

    private final boolean passOn;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private int status = 200;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturedResponse(HttpServletResponse response, boolean passOn) {
        super(response);
        this.passOn = passOn;
    }

    int capturedStatus() {
        return status;
    }

    /** @return what was written, or null when it was more than could be kept */
    String body() {
        if (writer != null) {
            writer.flush();
        }
        return kept.size() > KEPT ? null : kept.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
        if (passOn) {
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        status = sc;
        if (passOn) {
            super.sendError(sc);
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        status = sc;
        if (passOn) {
            super.sendError(sc, msg);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (passOn) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (passOn) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setContentType(String type) {
        if (passOn) {
            super.setContentType(type);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (passOn) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setContentLength(int len) {
        if (passOn) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (passOn) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (passOn) {
            super.flushBuffer();
        }
    }

    @Override
    public void reset() {
        if (passOn) {
            super.reset();
        }
    }

    @Override
    public void resetBuffer() {
        if (passOn) {
            super.resetBuffer();
        }
    }

    @Override
    public boolean isCommitted() {
        return passOn && super.isCommitted();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream real = passOn ? super.getOutputStream() : null;
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (kept.size() <= KEPT) {
                        kept.write(b);
                    }
                    if (real != null) {
                        real.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (kept.size() <= KEPT) {
                        kept.write(b, off, Math.min(len, KEPT + 1 - kept.size()));
                    }
                    if (real != null) {
                        real.write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (real != null) {
                        real.flush();
                    }
                }

                @Override
                public boolean isReady() {
                    return real == null || real.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    if (real != null) {
                        real.setWriteListener(listener);
                    }
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), false);
        }
        return writer;
    }
}
