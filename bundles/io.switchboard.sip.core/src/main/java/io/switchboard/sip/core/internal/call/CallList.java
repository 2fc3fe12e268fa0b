package io.switchboard.sip.core.internal.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The calls in progress as the API and the shell show them, oldest first. */
public final class CallList {

    private CallList() {
    }

    public static List<Map<String, Object>> of(B2bua b2bua) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Call c : b2bua.calls()) {
            synchronized (c) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id);
                m.put("state", c.state.name().toLowerCase(Locale.ROOT));
                m.put("caller", c.caller);
                m.put("callee", c.callee);
                m.put("target", c.target);
                if (c.pickedUpFrom != null) {
                    m.put("pickedUpBy", c.calleeUser);
                }
                m.put("start", c.start.toString());
                m.put("answer", c.answer == null ? null : c.answer.toString());
                m.put("callIds", c.bCallId == null ? List.of(c.aCallId()) : List.of(c.aCallId(), c.bCallId));
                out.add(m);
            }
        }
        out.sort((a, b) -> ((String) a.get("start")).compareTo((String) b.get("start")));
        return out;
    }
}
