package io.switchboard.sip.core.internal.call;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

/**
 * Intercom and pages: a call whose caller may ask for it, and whose phone asks the callee's phone to answer on
 * its own ({@code Call-Info: ...;answer-after=0} as Yealink, Snom and Grandstream intercom keys send it, or an
 * {@code Alert-Info} naming auto-answer as Polycom's does). Such a call rings only the callee's own phones, each
 * told in the forms the common phones read, and is never forwarded, sent to voicemail or put through call
 * waiting. Anyone else's request for it is ignored: the header would let a caller listen into a room.
 */
final class Intercom {

    private static final Pattern CALL_INFO = Pattern.compile("(?i);\\s*answer-after\\s*=");
    private static final Pattern ALERT_INFO = Pattern.compile("(?i)auto[- ]?answer|ring answer|intercom");

    private Intercom() {
    }

    /** @return whether the caller may make intercom calls and its INVITE asks the callee's phone to answer */
    static boolean asked(Request invite, String caller, Set<String> callers) {
        return caller != null && callers.contains(caller) && (has(invite, "Call-Info", CALL_INFO)
                || has(invite, "Alert-Info", ALERT_INFO));
    }

    private static boolean has(Request invite, String name, Pattern asking) {
        ListIterator<?> values = invite.getHeaders(name);
        while (values.hasNext()) {
            if (asking.matcher(values.next().toString()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Tells a phone to answer on its own: Call-Info with answer-after, and Alert-Info's auto-answer. */
    static void mark(Request b, HeaderFactory headers, String host) throws ParseException {
        b.addHeader(headers.createHeader("Call-Info", "<sip:" + host + ">;answer-after=0"));
        b.addHeader(headers.createHeader("Alert-Info", "<http://" + host + "/>;info=alert-autoanswer;delay=0"));
    }
}
