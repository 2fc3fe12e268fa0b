package io.switchboard.sip.core.internal.dispatch;

import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/** The dispatcher of each kind of request, as RestComm sip-servlets' dispatcher factory gives them. */
public final class Dispatchers {

    private final RequestDispatcher initial;
    private final RequestDispatcher inDialog;
    private final RequestDispatcher cancel;
    private final ResponseDispatcher responses;

    public Dispatchers(CallHandler calls, InitialRequestDispatcher.Registrations registrations,
            InitialRequestDispatcher.Handlers handlers, Responder responder, MessageFactory messages,
            HeaderFactory headers) {
        this.initial = new InitialRequestDispatcher(calls, registrations, handlers, responder, messages, headers);
        this.inDialog = new InDialogRequestDispatcher(calls);
        this.cancel = new CancelDispatcher(calls);
        this.responses = new ResponseDispatcher(calls);
    }

    /** @return the dispatcher of a kind; {@link RequestKind#VERSION_NOT_SUPPORTED} is answered before any */
    public RequestDispatcher forKind(RequestKind kind) {
        return switch (kind) {
            case IN_DIALOG, ACK -> inDialog;
            case CANCEL -> cancel;
            case INITIAL_INVITE, REGISTER, OPTIONS, MESSAGE, SUBSCRIBE, PUBLISH, NO_DIALOG, NOT_IMPLEMENTED -> initial;
            case VERSION_NOT_SUPPORTED -> throw new IllegalArgumentException("Answered 505 before dispatch");
        };
    }

    public ResponseDispatcher responses() {
        return responses;
    }
}
