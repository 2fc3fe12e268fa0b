package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The SIP stack (jain-sip-ri) with its listening points. This first stage answers OPTIONS (the
 * keep-alive and "qualify" probe of every peer) and refuses what it does not serve yet with 501;
 * the registrar and the B2BUA come next. Malformed messages are answered 400 or dropped by the
 * stack itself.
 */
@Component(service = SipServer.class, immediate = true)
public class SipServer implements SipListener {

    static final String ALLOW = "OPTIONS";
    private static final Logger LOG = System.getLogger(SipServer.class.getName());

    private final SipStack stack;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final Map<Listener, SipProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong responses = new AtomicLong();

    @Activate
    public SipServer() throws SipException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "switchboard");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        stack = factory.createSipStack(p);
        try {
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("SIP factories unavailable", e);
        }
        stack.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(Listener listener) {
        try {
            ListeningPoint lp = stack.createListeningPoint(listener.address(), listener.port(), listener.transport());
            SipProvider provider = stack.createSipProvider(lp);
            provider.addSipListener(this);
            providers.put(listener, provider);
            LOG.log(Level.INFO, "SIP listening on " + listener);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "Cannot listen for SIP on " + listener + ": " + rootMessage(e)
                    + " (is the port taken? settings " + Listener.FACTORY_PID + "-*.cfg or --sip-port)");
        }
    }

    void removeListener(Listener listener) {
        SipProvider provider = providers.remove(listener);
        if (provider != null) {
            close(provider);
            LOG.log(Level.INFO, "SIP no longer listening on " + listener);
        }
    }

    @Deactivate
    void stop() {
        providers.values().forEach(this::close);
        providers.clear();
        stack.stop();
    }

    private void close(SipProvider provider) {
        try {
            provider.removeSipListener(this);
            ListeningPoint[] points = provider.getListeningPoints();
            stack.deleteSipProvider(provider);
            for (ListeningPoint lp : points) {
                stack.deleteListeningPoint(lp);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing a SIP listening point: " + e.getMessage());
        }
    }

    /** @return the listening points as transport:address:port */
    List<String> listeningPoints() {
        List<String> out = new ArrayList<>();
        providers.keySet().forEach(l -> out.add(l.toString()));
        out.sort(null);
        return out;
    }

    Map<String, Long> requestCounts() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((m, n) -> out.put(m, n.get()));
        return out;
    }

    long responseCount() {
        return responses.get();
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        requests.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        if (Request.ACK.equals(method)) {
            return;
        }
        try {
            Response response;
            if (Request.OPTIONS.equals(method)) {
                response = messages.createResponse(Response.OK, request);
                response.addHeader(headers.createAllowHeader(ALLOW));
                response.addHeader(headers.createAcceptHeader("application", "sdp"));
            } else {
                response = messages.createResponse(Response.NOT_IMPLEMENTED, request);
                response.addHeader(headers.createAllowHeader(ALLOW));
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null) {
                to.setTag(UUID.randomUUID().toString().substring(0, 8));
            }
            ((SipProvider) event.getSource()).sendResponse(response);
            responses.incrementAndGet();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot answer " + method + ": " + e.getMessage());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // no client transactions yet
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // no client transactions yet
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(Level.DEBUG, "SIP I/O error with " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // stateless so far
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs yet
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
