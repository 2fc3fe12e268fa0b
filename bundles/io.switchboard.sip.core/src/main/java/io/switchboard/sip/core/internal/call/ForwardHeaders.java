package io.switchboard.sip.core.internal.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The headers that tell the next hop who forwarded a call, and why: Diversion (RFC 5806), which most
 * carriers check before they accept a caller ID that is not the trunk's own, and History-Info (RFC
 * 7044, causes by RFC 4458). Which ones a trunk gets is the setting {@code forwardHeaders}; phones
 * always get Diversion, which they show as "forwarded by".
 */
final class ForwardHeaders {

    /** What a leg carries. */
    enum Mode {
        NONE, DIVERSION, HISTORY_INFO, BOTH;

        boolean diversion() {
            return this == DIVERSION || this == BOTH;
        }

        boolean historyInfo() {
            return this == HISTORY_INFO || this == BOTH;
        }
    }

    private final Mode all;
    private final Map<String, Mode> trunks;

    private ForwardHeaders(Mode all, Map<String, Mode> trunks) {
        this.all = all;
        this.trunks = trunks;
    }

    /**
     * @param setting MODE for every trunk and trunk:NAME=MODE for one, MODE being diversion,
     *            history-info, both or none
     * @throws IllegalArgumentException naming the entry that is not one of these
     */
    static ForwardHeaders of(String[] setting) {
        Mode all = Mode.DIVERSION;
        Map<String, Mode> trunks = new HashMap<>();
        for (String entry : setting == null ? new String[0] : setting) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("trunk:") && e.indexOf('=') > 6) {
                trunks.put(e.substring(6, e.indexOf('=')), mode(e.substring(e.indexOf('=') + 1), entry));
            } else {
                all = mode(e, entry);
            }
        }
        return new ForwardHeaders(all, Map.copyOf(trunks));
    }

    private static Mode mode(String value, String entry) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "diversion" -> Mode.DIVERSION;
            case "history-info" -> Mode.HISTORY_INFO;
            case "both" -> Mode.BOTH;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException("Invalid setting io.switchboard.sip forwardHeaders entry '"
                    + entry + "': diversion, history-info, both or none, or trunk:NAME=one of these");
        };
    }

    /** @return what a leg to this trunk carries; a leg to a phone (trunk null) carries Diversion */
    Mode mode(String trunk) {
        return trunk == null ? Mode.DIVERSION : trunks.getOrDefault(trunk, all);
    }

    /**
     * @param hops the forwards the call followed, in order
     * @param identity a forwarding user's number as the next hop should see it
     * @param host the switch's address, the host of the URIs it names
     * @param target leg B's request URI, History-Info's last entry
     * @return the headers to add, name and value, in the order they go on the request
     */
    static List<String[]> headers(List<CallForward.Hop> hops, Mode mode, UnaryOperator<String> identity, String host,
            String target) {
        List<String[]> out = new ArrayList<>();
        if (hops.isEmpty()) {
            return out;
        }
        if (mode.diversion()) {
            // each diverting hop adds its header on top: the latest forward comes first
            for (int i = hops.size() - 1; i >= 0; i--) {
                CallForward.Hop h = hops.get(i);
                out.add(new String[] { "Diversion", "<sip:" + identity.apply(h.from()) + "@" + host + ">;reason="
                        + h.reason().diversion() + ";counter=1" });
            }
        }
        if (mode.historyInfo()) {
            StringBuilder value = new StringBuilder();
            String index = "1";
            for (CallForward.Hop h : hops) {
                value.append('<').append("sip:").append(identity.apply(h.from())).append('@').append(host)
                        .append("?Reason=SIP%3Bcause%3D").append(h.reason().cause()).append(">;index=").append(index);
                if (!index.equals("1")) {
                    value.append(";mp=").append(index, 0, index.length() - 2);
                }
                value.append(',');
                index = index + ".1";
            }
            value.append('<').append(target).append(">;index=").append(index).append(";mp=")
                    .append(index, 0, index.length() - 2);
            out.add(new String[] { "History-Info", value.toString() });
        }
        return out;
    }
}
