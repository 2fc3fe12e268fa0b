package io.switchboard.mgmt.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path of an API request relative to {@code /api/v1}, as the container dispatches on it:
 * percent-decoded once, with nothing that could be read two ways. Role rules, the body limit and the
 * audit log all judge this one path, so that {@code /api/v1/%61ccounts} is {@code /accounts} to them
 * as it is to the servlet that answers it. Encoded slashes and backslashes, dot segments, empty
 * segments, path parameters, encoded percent signs and control characters are refused instead of
 * guessed at: each of them is read differently by some container, proxy or client.
 */
final class ApiPath {

    /** A request path that could be read two ways; its message says which part. */
    static final class Ambiguous extends Exception {
        private static final long serialVersionUID = 1L;

        Ambiguous(String message) {
            super(message);
        }
    }

    private ApiPath() {
    }

    /** @return the decoded path under the context, as the servlet that answers it sees it */
    static String of(HttpServletRequest request) throws Ambiguous {
        String decoded = decode(request.getRequestURI());
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (!decoded.startsWith(context)) {
            throw new Ambiguous("the path is not under " + context);
        }
        String path = decoded.substring(context.length());
        String dispatched = nullToEmpty(request.getServletPath()) + nullToEmpty(request.getPathInfo());
        if (!dispatched.isEmpty() && !dispatched.equals(path)) {
            // the container read the path otherwise than we do: judge neither reading
            throw new Ambiguous("the path reads as " + dispatched + " to the container");
        }
        return path;
    }

    /**
     * @return the raw path decoded once, as UTF-8
     * @throws Ambiguous when it holds anything that some reader would take otherwise
     */
    static String decode(String raw) throws Ambiguous {
        if (raw == null || !raw.startsWith("/")) {
            throw new Ambiguous("the path must start with /");
        }
        if (raw.indexOf(';') >= 0) {
            throw new Ambiguous("path parameters (;) are not accepted");
        }
        if (raw.indexOf('\\') >= 0) {
            throw new Ambiguous("backslashes are not accepted");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new Ambiguous("a % that starts no escape");
                }
                if (value == '/' || value == '\\' || value == '.' || value == ';' || value == '%') {
                    throw new Ambiguous("an encoded '" + (char) value + "' is not accepted");
                }
                bytes.write(value);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        String path = utf8(bytes.toByteArray());
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new Ambiguous("control characters are not accepted");
            }
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new Ambiguous("dot segments are not accepted");
            }
        }
        if (path.contains("//")) {
            throw new Ambiguous("empty segments (//) are not accepted");
        }
        return path;
    }

    private static String utf8(byte[] bytes) throws Ambiguous {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Ambiguous("the escapes are not UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
