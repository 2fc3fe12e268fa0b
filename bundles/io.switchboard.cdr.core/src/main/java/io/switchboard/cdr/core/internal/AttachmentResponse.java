package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.cdr.api.CallAttachment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves an attachment whole or, for a {@code Range: bytes=} request, the one range asked for
 * (RFC 9110 §14): a player seeks in a recording without fetching all of it. A request for several
 * ranges gets the whole content, which the RFC allows.
 */
final class AttachmentResponse {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private AttachmentResponse() {
    }

    static void send(HttpServletRequest req, HttpServletResponse resp, CallAttachment.Content content) throws IOException {
        long length = content.length();
        long first = 0;
        long last = length - 1;
        String range = req.getHeader("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        boolean partial = m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty());
        if (partial) {
            if (m.group(1).isEmpty()) { // the last N bytes
                first = Math.max(0, length - Long.parseLong(m.group(2)));
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
            }
            if (first >= length || first > last) {
                resp.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                resp.setHeader("Content-Range", "bytes */" + length);
                return;
            }
            resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            resp.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + length);
        } else {
            resp.setStatus(HttpServletResponse.SC_OK);
        }
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setContentType(content.contentType());
        resp.setHeader("Content-Disposition", "inline; filename=\"" + content.fileName() + "\"");
        resp.setContentLengthLong(length == 0 ? 0 : last - first + 1);
        OutputStream out = resp.getOutputStream();
        if (content.bytes() != null) {
            out.write(content.bytes(), (int) first, (int) (last - first + 1));
            return;
        }
        try (FileChannel file = FileChannel.open(content.file(), StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(file.position(first))) {
            long left = last - first + 1;
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
