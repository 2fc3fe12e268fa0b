package io.switchboard.mgmt.core.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A client that hangs up before its answer is written is no error of the server: the write fails with
 * a broken pipe or a reset, which the HTTP service would log as SEVERE with a stack trace for every
 * monitoring probe that gives up early. Outermost of the API's filters, it notes such a failure at
 * debug level and lets every other failure through.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.filter.pattern=/*", "service.ranking:Integer=1000" })
public class ClientGone implements Filter {

    private static final Logger LOG = System.getLogger(ClientGone.class.getName());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            if (!wentAway(e)) {
                throw e;
            }
            LOG.log(Level.DEBUG, () -> "Client went away before the answer to " + ((HttpServletRequest) request)
                    .getRequestURI() + " was written: " + e);
        }
    }

    /** @return whether the failure, or one of its causes, is the connection closed from the other end */
    static boolean wentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // Jetty's EofException is an EOFException: the peer closed while the answer was being written
            if (t instanceof EOFException || message.contains("broken pipe")
                    || message.contains("connection reset")) {
                return true;
            }
        }
        return false;
    }
}
