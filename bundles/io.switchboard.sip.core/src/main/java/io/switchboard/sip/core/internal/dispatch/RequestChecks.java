package io.switchboard.sip.core.internal.dispatch;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;

import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The checks of RFC 3261 8.2 that every request passes before any handler sees it. */
public final class RequestChecks {

    private final MessageFactory messages;
    private final HeaderFactory headers;

    public RequestChecks(MessageFactory messages, HeaderFactory headers) {
        this.messages = messages;
        this.headers = headers;
    }

    /**
     * Checks every request gets before it is served (RFC 3261 8.2): URI scheme (416), required
     * extensions (420 with Unsupported), body type of an INVITE (415 with Accept) and headers in the
     * request URI (400). A Date that is not GMT never gets here: {@link SipSyntax} refuses it.
     *
     * @return the refusal, or null when the request may be served
     */
    public Response refuse(Request request) throws ParseException {
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips") && !scheme.equals("tel") && !emergencyUrn(request)) {
            return messages.createResponse(Response.UNSUPPORTED_URI_SCHEME, request);
        }
        if (request.getRequestURI() instanceof SipURI uri && uri.getHeaderNames().hasNext()) {
            Response r = messages.createResponse(Response.BAD_REQUEST, request);
            r.setReasonPhrase("Headers in the Request-URI");
            return r;
        }
        if (!Request.REGISTER.equals(request.getMethod())) {
            List<String> unsupported = new ArrayList<>();
            ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
            while (require.hasNext()) {
                unsupported.add(((RequireHeader) require.next()).getOptionTag());
            }
            if (!unsupported.isEmpty() && !Request.ACK.equals(request.getMethod())
                    && !Request.CANCEL.equals(request.getMethod())) {
                Response r = messages.createResponse(Response.BAD_EXTENSION, request);
                for (String tag : unsupported) {
                    r.addHeader(headers.createUnsupportedHeader(tag));
                }
                return r;
            }
        }
        ContentTypeHeader type = (ContentTypeHeader) request
                .getHeader(ContentTypeHeader.NAME);
        if (Request.INVITE.equals(request.getMethod()) && request.getRawContent() != null
                && request.getRawContent().length > 0 && (type == null
                        || !(type.getContentType() + "/" + type.getContentSubType()).equalsIgnoreCase("application/sdp"))) {
            Response r = messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.addHeader(headers.createAcceptHeader("application", "sdp"));
            return r;
        }
        return null;
    }

    /** An INVITE to the emergency services' URN (RFC 5031), which phones may send instead of a number. */
    private static boolean emergencyUrn(Request request) {
        String uri = request.getRequestURI().toString().toLowerCase(Locale.ROOT);
        boolean call = Request.INVITE.equals(request.getMethod()) || Request.ACK.equals(request.getMethod())
                || Request.CANCEL.equals(request.getMethod());
        return call && (uri.equals("urn:service:sos") || uri.startsWith("urn:service:sos."));
    }
}
