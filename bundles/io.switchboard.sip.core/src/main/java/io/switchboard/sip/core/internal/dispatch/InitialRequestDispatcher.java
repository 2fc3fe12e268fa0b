package io.switchboard.sip.core.internal.dispatch;

import java.util.List;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.handler.api.RequestHandler;

/**
 * Requests outside a dialog: a new INVITE to the calls, REGISTER to the registrar, MESSAGE,
 * SUBSCRIBE (in its dialog too) and PUBLISH to the bundle that serves the method (501 without one),
 * OPTIONS answered here (the keep-alive and "qualify" probe of every peer), a request that exists
 * only inside a dialog 481, any other method 501 with the methods this switch serves.
 */
public final class InitialRequestDispatcher implements RequestDispatcher {

    /** What the switch serves, as Allow says. */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, MESSAGE, SUBSCRIBE, "
            + "PUBLISH";

    /** Serves REGISTER. */
    @FunctionalInterface
    public interface Registrations {
        void register(SipProvider provider, Request request) throws Exception;
    }

    /** The bundles that serve a method of their own (MESSAGE, SUBSCRIBE, PUBLISH), by method. */
    @FunctionalInterface
    public interface Handlers {
        /** @return the handler of the method, or null when no bundle serves it */
        RequestHandler of(String method);
    }

    /** The methods bundles of their own may serve, in the order Allow names them. */
    private static final List<String> HANDLED = List.of(Request.MESSAGE, Request.SUBSCRIBE, Request.PUBLISH);

    private final CallHandler calls;
    private final Registrations registrations;
    private final Handlers handlers;
    private final Responder responder;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    public InitialRequestDispatcher(CallHandler calls, Registrations registrations, Handlers handlers,
            Responder responder, MessageFactory messages, HeaderFactory headers) {
        this.calls = calls;
        this.registrations = registrations;
        this.handlers = handlers;
        this.responder = responder;
        this.messages = messages;
        this.headers = headers;
    }

    @Override
    public void dispatch(RequestKind kind, RequestEvent event, SipProvider provider, ServerTransaction tx)
            throws Exception {
        Request request = event.getRequest();
        switch (kind) {
            case INITIAL_INVITE -> calls.invite(event, tx);
            case REGISTER -> registrations.register(provider, request);
            case MESSAGE, SUBSCRIBE, PUBLISH -> {
                RequestHandler handler = handlers.of(request.getMethod());
                if (handler != null) {
                    handler.handle(event, provider, tx);
                } else {
                    Response unsupported = messages.createResponse(Response.NOT_IMPLEMENTED, request);
                    unsupported.addHeader(headers.createAllowHeader(allow()));
                    responder.send(provider, tx, unsupported);
                }
            }
            case OPTIONS -> {
                Response ok = messages.createResponse(Response.OK, request);
                ok.addHeader(headers.createAllowHeader(allow()));
                ok.addHeader(headers.createAcceptHeader("application", "sdp"));
                responder.send(provider, tx, ok);
            }
            case NO_DIALOG -> responder.send(provider, tx,
                    messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            case NOT_IMPLEMENTED -> {
                Response unsupported = messages.createResponse(Response.NOT_IMPLEMENTED, request);
                unsupported.addHeader(headers.createAllowHeader(allow()));
                responder.send(provider, tx, unsupported);
            }
            default -> throw new IllegalArgumentException("Not an initial request: " + kind);
        }
    }

    /** @return what this switch serves now: the calls' methods, REGISTER, and those a bundle serves */
    private String allow() {
        StringBuilder b = new StringBuilder("INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO");
        for (String method : HANDLED) {
            if (handlers.of(method) != null) {
                b.append(", ").append(method);
            }
        }
        return b.toString();
    }
}
