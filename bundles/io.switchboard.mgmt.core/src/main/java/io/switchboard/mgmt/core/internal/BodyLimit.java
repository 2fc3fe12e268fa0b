package io.switchboard.mgmt.core.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The size limit of request bodies of the API ({@code maxBodyKilobytes}): a larger one is answered
 * 413 before any resource reads it, whether it says its length or comes in chunks. The imports
 * (paths ending in {@code /import}) stream their bodies, which may hold millions of lines, under
 * limits of their own: the longest line and the whole ({@link ImportCap}); so do audio uploads (a prompt, a
 * piece of music), a file of minutes, under a size of their own.
 */
@Component(service = Filter.class, configurationPid = ManagementConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
                "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
                "osgi.http.whiteboard.filter.pattern=/*" })
public class BodyLimit implements Filter {

    /** The resources that take audio bodies: a menu's prompts and the music classes' pieces. */
    private static final List<String> AUDIO_RESOURCES = List.of("/attendant/prompts/", "/music/");

    private final int maxBytes;
    private final long maxImportBytes;
    private final int maxImportLineBytes;
    private final long maxAudioBytes;

    @Activate
    public BodyLimit(ManagementConfig config) {
        this(config.maxBodyKilobytes() * 1024, config.maxImportMegabytes() * 1024L * 1024L,
                config.maxImportLineKilobytes() * 1024, config.maxAudioMegabytes() * 1024L * 1024L);
    }

    BodyLimit(int maxBytes, long maxImportBytes, int maxImportLineBytes, long maxAudioBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
        this.maxImportLineBytes = maxImportLineBytes;
        this.maxAudioBytes = maxAudioBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String method = http.getMethod();
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        String path = (String) http.getAttribute(ManagementContext.PATH_ATTRIBUTE);
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        if (path != null && path.endsWith("/import")) {
            streamImport(http, (HttpServletResponse) response, chain,
                    new ImportCap(http.getInputStream(), maxImportBytes, maxImportLineBytes));
            return;
        }
        if (audio(http, path)) {
            if (http.getContentLengthLong() > maxAudioBytes) {
                ((HttpServletResponse) response).setHeader("Connection", "close");
                Json.error((HttpServletResponse) response, 413, "Audio body over " + maxAudioBytes / (1024 * 1024)
                        + " MB (maxAudioMegabytes in " + ManagementConfig.PID + ")");
                return;
            }
            streamImport(http, (HttpServletResponse) response, chain,
                    ImportCap.audio(http.getInputStream(), maxAudioBytes, "maxAudioMegabytes"));
            return;
        }
        if (http.getContentLengthLong() > maxBytes) {
            tooLarge((HttpServletResponse) response);
            return;
        }
        byte[] body = http.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge((HttpServletResponse) response);
            return;
        }
        chain.doFilter(new Buffered(http, body), response);
    }

    private void streamImport(HttpServletRequest http, HttpServletResponse response, FilterChain chain,
            ImportCap capped) throws IOException, ServletException {
        try {
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public ServletInputStream getInputStream() {
                    return capped;
                }

                @Override
                public BufferedReader getReader() {
                    return new BufferedReader(new InputStreamReader(capped,
                            StandardCharsets.UTF_8));
                }
            }, response);
        } catch (IOException | ServletException | RuntimeException e) {
            ImportCap.Exceeded exceeded = exceeded(e);
            if (exceeded == null || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setHeader("Connection", "close"); // the rest of the body is not read
            Json.error(response, 413, exceeded.getMessage());
        }
    }

    /** @return whether the body is audio for a resource that takes audio: no other reads one past the limit */
    private static boolean audio(HttpServletRequest http, String path) {
        String type = http.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("audio/") && path != null
                && AUDIO_RESOURCES.stream().anyMatch(path::startsWith) && !path.startsWith("/music/users/");
    }

    private static ImportCap.Exceeded exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImportCap.Exceeded x) {
                return x;
            }
        }
        return null;
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        Json.error(response, 413, "Request body over " + maxBytes / 1024 + " KB (maxBodyKilobytes in "
                + ManagementConfig.PID + ")");
    }

    /** The request with its body read already, at most the limit. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read already: no asynchronous reading");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8
                            : Charset.forName(getCharacterEncoding())));
        }
    }
}
