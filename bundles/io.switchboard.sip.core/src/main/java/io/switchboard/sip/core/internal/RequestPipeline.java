package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPMessage;
import io.switchboard.sip.core.internal.call.DatabaseFailures;
import io.switchboard.sip.core.internal.dispatch.Dispatchers;
import io.switchboard.sip.core.internal.dispatch.RequestChecks;
import io.switchboard.sip.core.internal.dispatch.RequestKind;
import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.ladder.Ladders;
import io.switchboard.sip.stack.DisplayNames;
import io.switchboard.sip.stack.EdgeProxies;
import io.switchboard.sip.stack.PacketSource;
import io.switchboard.sip.stack.StrictMessageParser;

/**
 * What every request goes through before its handler, and every answer of the switch's own on its
 * way out: the guard, the ladder, the counters of {@code /sip/status}, the version and the checks,
 * the server transaction; then the dispatcher of its kind.
 */
final class RequestPipeline {

    private static final Logger LOG = System.getLogger(RequestPipeline.class.getName());
    /** what a 503 for a database away asks the phone to wait, as the registrar's does */
    private static final int RETRY_AFTER_SECONDS = 30;

    private final Guard guard;
    private final EdgeProxies edges;
    private final Ladders ladders;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final RequestChecks checks;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong responses = new AtomicLong();
    /** Set once, right after construction: the dispatchers answer through this pipeline's {@link #send}. */
    private volatile Dispatchers dispatchers;

    RequestPipeline(Guard guard, EdgeProxies edges, Ladders ladders, MessageFactory messages, HeaderFactory headers) {
        this.guard = guard;
        this.edges = edges;
        this.ladders = ladders;
        this.messages = messages;
        this.headers = headers;
        this.checks = new RequestChecks(messages, headers);
    }

    void dispatchTo(Dispatchers d) {
        this.dispatchers = d;
    }

    Dispatchers dispatchers() {
        return dispatchers;
    }

    Map<String, Long> requestCounts() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((m, n) -> out.put(m, n.get()));
        return out;
    }

    long responseCount() {
        return responses.get();
    }

    /** A request from the stack, before any handler: the guard, the ladder, the counters, the transaction. */
    void request(RequestEvent event) {
        Request request = event.getRequest();
        // the edge's Via is checked against the packet first (answers go back to the edge); then the
        // client behind the edge counts as the sender, for the guard and everything after it
        PacketSource.correctVia(request);
        edges.unwrap(request);
        if (!guard.admitRequest(PacketSource.address(request), PacketSource.cameOverUdp(request), request)) {
            return; // locked out or flooding: no answer, no transaction
        }
        ladders.received(request);
        String method = request.getMethod();
        // counted by name only for the methods of SIP: made-up ones share one counter, or a sender
        // could grow the table (and /sip/status) without bound
        requests.computeIfAbsent(RequestKind.counter(method), m -> new AtomicLong()).incrementAndGet();
        RequestKind kind = RequestKind.of(request);
        if (kind == RequestKind.VERSION_NOT_SUPPORTED) {
            versionNotSupported(event, ((StrictMessageParser.UnsupportedVersion) ((SIPMessage)
                    request).getApplicationData()).version());
            return;
        }
        if (kind == RequestKind.ACK) {
            try {
                dispatchers.forKind(kind).dispatch(kind, event, (SipProvider) event.getSource(), null);
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot relay an ACK: " + e);
            }
            return;
        }
        SipProvider provider = (SipProvider) event.getSource();
        ServerTransaction tx = null;
        try {
            DisplayNames.normalize(request);
            if (request.getHeader(MaxForwardsHeader.NAME) == null) {
                // RFC 2543 clients send none; the stack needs one to make a transaction
                request.addHeader(headers.createMaxForwardsHeader(70));
            }
            if (!kind.stateless()) {
                tx = event.getServerTransaction();
                if (tx == null) {
                    try {
                        tx = provider.getNewServerTransaction(request);
                    } catch (TransactionAlreadyExistsException retransmission) {
                        return; // the stack answers retransmissions from the transaction
                    } catch (TransactionUnavailableException unusable) {
                        // the stack will not make a transaction of it (an INVITE without Contact, say):
                        // say so without one
                        Response bad = messages.createResponse(Response.BAD_REQUEST, request);
                        bad.setReasonPhrase(StrictMessageParser.readable(unusable.getMessage()));
                        provider.sendResponse(bad);
                        return;
                    }
                }
            }
            Response refused = checks.refuse(request);
            if (refused != null) {
                send(provider, tx, refused);
                return;
            }
            dispatchers.forKind(kind).dispatch(kind, event, provider, tx);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot answer " + method + ": " + e);
            answerFailure(tx, request, e);
        }
    }

    /**
     * A request whose handler threw still gets its final answer, so that the phone neither retransmits
     * nor waits out its timer: 503 with Retry-After when the database failed, else 500; never the cause.
     */
    private void answerFailure(ServerTransaction tx, Request request, Exception e) {
        if (tx == null || !(tx.getState() == TransactionState.TRYING || tx.getState() == TransactionState.PROCEEDING)) {
            return;
        }
        try {
            boolean database = DatabaseFailures.among(e);
            Response failed = messages.createResponse(
                    database ? Response.SERVICE_UNAVAILABLE : Response.SERVER_INTERNAL_ERROR, request);
            failed.setReasonPhrase(database ? "Temporarily unavailable" : "Server error");
            if (database) {
                failed.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
            }
            tx.sendResponse(failed);
        } catch (Exception unanswerable) {
            LOG.log(Level.DEBUG, "Cannot answer a failed " + request.getMethod() + ": " + unanswerable);
        }
    }

    /** 505 for a request of another SIP version, without a transaction; an ACK gets nothing. */
    private void versionNotSupported(RequestEvent event, String version) {
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        try {
            Response r = messages.createResponse(Response.VERSION_NOT_SUPPORTED, event.getRequest());
            r.setReasonPhrase("Version Not Supported (" + version + "; this server speaks SIP/2.0)");
            ((SipProvider) event.getSource()).sendResponse(r);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot answer a request of " + version + ": " + e);
        }
    }

    /** Sends a final response in its transaction, or without one (stateless) when tx is null. */
    void send(SipProvider provider, ServerTransaction tx, Response response)
            throws SipException, InvalidArgumentException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null && response.getStatusCode() > 100) {
            try {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        ladders.sent(response);
        if (tx != null) {
            tx.sendResponse(response);
        } else {
            provider.sendResponse(response);
        }
        responses.incrementAndGet();
    }
}
