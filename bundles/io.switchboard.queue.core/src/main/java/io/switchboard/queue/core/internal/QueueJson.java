package io.switchboard.queue.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.queue.api.CallQueue;

/** A queue as the API writes and reads it; what is left out takes the defaults an office starts with. */
final class QueueJson {

    private static final Set<String> FIELDS = Set.of("name", "strategy", "members", "dynamic", "ringSeconds",
            "wrapUpSeconds", "maxWaitSeconds", "maxCallers", "overflow", "announceSeconds", "callback", "skill",
            "music", "description", "version");
    static final int RING_SECONDS = 15;
    static final int WRAP_UP_SECONDS = 10;
    static final int MAX_WAIT_SECONDS = 600;
    static final int MAX_CALLERS = 20;
    static final int ANNOUNCE_SECONDS = 45;

    private QueueJson() {
    }

    /** @return the queue the body describes, named by the path */
    static CallQueue parse(String name, JsonNode body) {
        JsonFields.known(body, FIELDS, "{\"strategy\": \"LONGEST_IDLE\", \"members\": [\"alice\"], \"dynamic\": true}");
        if (body.hasNonNull("name") && !name.equals(body.get("name").asText())) {
            throw new IllegalArgumentException("name: the body names " + body.get("name").asText() + ", the path "
                    + name);
        }
        List<String> members = new ArrayList<>();
        JsonNode m = body.get("members");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                throw new IllegalArgumentException("members: a list of users, [\"alice\", \"bob\"]");
            }
            m.forEach(v -> members.add(v.isTextual() ? v.asText().trim() : null));
        }
        CallQueue.Strategy strategy;
        String s = JsonFields.text(body, "strategy", CallQueue.Strategy.LONGEST_IDLE.name());
        try {
            strategy = CallQueue.Strategy.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strategy: one of " + Arrays.toString(CallQueue.Strategy.values())
                    + ", not " + s);
        }
        return new CallQueue(name, strategy, members, JsonFields.flag(body, "dynamic"), JsonFields.number(body,
                "ringSeconds", RING_SECONDS), JsonFields.number(body, "wrapUpSeconds", WRAP_UP_SECONDS),
                JsonFields.number(body, "maxWaitSeconds", MAX_WAIT_SECONDS), JsonFields.number(body, "maxCallers",
                        MAX_CALLERS), JsonFields.text(body, "overflow", null), JsonFields.number(body,
                                "announceSeconds", ANNOUNCE_SECONDS), JsonFields.flag(body, "callback"),
                JsonFields.text(body, "skill", null), JsonFields.text(body, "music", null),
                JsonFields.text(body, "description", null), 0);
    }

    static Map<String, Object> json(CallQueue q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", q.name());
        out.put("strategy", q.strategy().name());
        out.put("members", q.members());
        out.put("dynamic", q.dynamic());
        out.put("ringSeconds", q.ringSeconds());
        out.put("wrapUpSeconds", q.wrapUpSeconds());
        out.put("maxWaitSeconds", q.maxWaitSeconds());
        out.put("maxCallers", q.maxCallers());
        out.put("overflow", q.overflow());
        out.put("announceSeconds", q.announceSeconds());
        out.put("callback", q.callback());
        out.put("skill", q.skill());
        out.put("music", q.music());
        out.put("description", q.description());
        out.put("version", q.version());
        return out;
    }
}
