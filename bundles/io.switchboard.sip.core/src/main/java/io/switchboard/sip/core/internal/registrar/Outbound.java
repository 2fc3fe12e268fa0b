package io.switchboard.sip.core.internal.registrar;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.regex.Pattern;

import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.ParametersHeader;

/**
 * The registrar's part of SIP Outbound (RFC 5626) and of a device's instance ID (RFC 5627): what a
 * REGISTER's Contact says about the device and its flow, and what the 200 says back. The switch is
 * the phones' edge proxy and registrar at once, so the flow is the connection or the address and
 * port the REGISTER came from, and keep-alives (CRLF, STUN) are answered on the SIP ports
 * ({@code KeepAliveSocket}, and jain-sip for CRLF).
 */
final class Outbound {

    /** RFC 5626 section 11.6 */
    static final int FIRST_HOP_LACKS_OUTBOUND = 439;
    /** Seconds between a phone's keep-alives over UDP: under the 30 s after which many NATs forget a mapping. */
    static final int FLOW_TIMER_UDP = 29;
    /** Seconds between keep-alives on a TCP or TLS connection (RFC 5626 section 4.4.1 suggests 95 to 120 s). */
    static final int FLOW_TIMER_CONNECTION = 110;

    /** the {@code ob} URI parameter of a Path entry (jain-sip has no Path header in javax.sip) */
    private static final Pattern OB = Pattern.compile(";\\s*ob\\s*[;>]",
            Pattern.CASE_INSENSITIVE);

    /** RFC 3327's header, which javax.sip has no type for. */
    static final String PATH = "Path";

    private Outbound() {
    }

    /** @return the REGISTER's Path entries as one comma-separated value, in order, or null when it has none */
    static String path(Request request) {
        List<String> entries = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(PATH);
        while (it.hasNext()) {
            String line = it.next().toString().trim();
            entries.add(line.substring(line.indexOf(':') + 1).trim());
        }
        return entries.isEmpty() ? null : String.join(", ", entries);
    }

    /** @return whether the REGISTER says {@code Supported: outbound} */
    static boolean asked(Request request) {
        ListIterator<?> supported = request.getHeaders(SupportedHeader.NAME);
        while (supported.hasNext()) {
            if ("outbound".equalsIgnoreCase(((SupportedHeader) supported.next()).getOptionTag())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the REGISTER came to us directly (one Via), or through an edge proxy that
     *         marks its Path with {@code ob} (it then keeps the flow)
     */
    static boolean firstHop(Request request) {
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        vias.next();
        if (!vias.hasNext()) {
            return true;
        }
        Header path = request.getHeader(PATH);
        return path != null && OB.matcher(path.toString()).find();
    }

    /** @return the Contact's {@code reg-id}, or null when it has none or it is not a number in range */
    static Integer regId(ContactHeader contact) {
        String value = contact.getParameter("reg-id");
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return null;
        }
        int id = Integer.parseInt(value);
        return id > 0 ? id : null;
    }

    /** @return the Contact's {@code +sip.instance} without its quotes, or null */
    static String instance(ContactHeader contact) {
        String value = contact.getParameter("+sip.instance");
        if (value == null) {
            return null;
        }
        String bare = value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                ? value.substring(1, value.length() - 1)
                : value;
        return bare.isEmpty() || bare.length() > 255 ? null : bare;
    }

    /** Puts a binding's instance and reg-id on its Contact in the 200, as the phone registered them. */
    static void describe(ContactHeader contact, SipStore.Binding b) throws ParseException {
        if (b.instanceId() != null) {
            ((ParametersHeader) contact).setQuotedParameter("+sip.instance", b.instanceId());
        }
        if (b.regId() != null) {
            contact.setParameter("reg-id", Integer.toString(b.regId()));
        }
    }

    /** Tells the phone that its flow is kept: Require: outbound and how often to keep it alive. */
    static void answer(Response ok, String source, HeaderFactory headers) throws ParseException {
        ok.addHeader(headers.createRequireHeader("outbound"));
        boolean udp = source == null || source.startsWith("udp:");
        ok.addHeader(headers.createHeader("Flow-Timer",
                Integer.toString(udp ? FLOW_TIMER_UDP : FLOW_TIMER_CONNECTION)));
    }
}
