package io.switchboard.sip.core.internal.dispatch;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests outside a dialog: a new INVITE to the calls, REGISTER to the registrar, MESSAGE to the
 * text messages, SUBSCRIBE (in its dialog too) to the subscriptions, OPTIONS answered here (the keep-alive and "qualify" probe of every peer), a request that exists only inside a dialog
 * 481, any other method 501 with the methods this switch serves.
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

    /** Serves MESSAGE outside a dialog. */
    @FunctionalInterface
    public interface TextMessages {
        void message(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception;
    }

    /** Serves SUBSCRIBE, new or refreshed. */
    @FunctionalInterface
    public interface SubscribeRequests {
        void subscribe(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception;
    }

    /** Serves PUBLISH. */
    @FunctionalInterface
    public interface PublishRequests {
        void publish(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception;
    }

    private final CallHandler calls;
    private final Registrations registrations;
    private final TextMessages texts;
    private final SubscribeRequests subscriptions;
    private final PublishRequests publications;
    private final Responder responder;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    public InitialRequestDispatcher(CallHandler calls, Registrations registrations, TextMessages texts,
            SubscribeRequests subscriptions, PublishRequests publications, Responder responder,
            MessageFactory messages, HeaderFactory headers) {
        this.subscriptions = subscriptions;
        this.publications = publications;
        this.calls = calls;
        this.registrations = registrations;
        this.texts = texts;
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
            case MESSAGE -> texts.message(event, provider, tx);
            case SUBSCRIBE -> subscriptions.subscribe(event, provider, tx);
            case PUBLISH -> publications.publish(event, provider, tx);
            case OPTIONS -> {
                Response ok = messages.createResponse(Response.OK, request);
                ok.addHeader(headers.createAllowHeader(ALLOW));
                ok.addHeader(headers.createAcceptHeader("application", "sdp"));
                responder.send(provider, tx, ok);
            }
            case NO_DIALOG -> responder.send(provider, tx,
                    messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            case NOT_IMPLEMENTED -> {
                Response unsupported = messages.createResponse(Response.NOT_IMPLEMENTED, request);
                unsupported.addHeader(headers.createAllowHeader(ALLOW));
                responder.send(provider, tx, unsupported);
            }
            default -> throw new IllegalArgumentException("Not an initial request: " + kind);
        }
    }
}
