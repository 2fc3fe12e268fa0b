package io.switchboard.webhook.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.event.Event;

import io.switchboard.alert.api.AlertEvents;
import io.switchboard.messaging.api.MessageEvents;
import io.switchboard.parking.api.ParkingEvents;
import io.switchboard.queue.api.QueueEvents;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.voicemail.api.VoicemailEvents;
import io.switchboard.webhook.api.WebhookEvents;

/** What each Event Admin event becomes in a webhook: its name, its key and its fields. */
final class Payloads {

    /** An event to send: name, ordering key, fields. */
    record Outgoing(String event, String key, Map<String, Object> data) {
    }

    private static final Map<String, String> CALL_FIELDS = fields(SipEvents.CALL_ID, "callId", SipEvents.A_CALL_ID,
            "sipCallId", SipEvents.CALLER, "caller", SipEvents.CALLER_NAME, "callerName", SipEvents.CALLER_COMPANY,
            "callerCompany", SipEvents.CALLER_LINK, "callerLink", SipEvents.CALLEE, "callee", SipEvents.CALLER_USER,
            "callerUser",
            SipEvents.CALLEE_USER, "calleeUser", SipEvents.DIRECTION, "direction", SipEvents.TRUNK_IN, "trunkIn",
            SipEvents.TRUNK_OUT, "trunkOut", SipEvents.DISPOSITION, "disposition", SipEvents.SIP_CODE, "sipCode",
            SipEvents.PICKED_UP_FROM, "pickedUpFrom", SipEvents.ORIGINATED, "clickToCall");
    private static final Map<String, String> MESSAGE_FIELDS = fields(MessageEvents.ID, "messageId", MessageEvents.FROM,
            "from", MessageEvents.TO, "to");
    private static final Map<String, String> VOICEMAIL_FIELDS = fields(VoicemailEvents.ID, "messageId",
            VoicemailEvents.MAILBOX, "mailbox", VoicemailEvents.CALLER, "caller", VoicemailEvents.CALLER_NAME,
            "callerName", VoicemailEvents.SECONDS, "seconds", VoicemailEvents.CALL_ID, "callId");
    private static final Map<String, String> ALERT_FIELDS = fields(AlertEvents.ID, "alertId", AlertEvents.RULE, "rule",
            AlertEvents.KIND, "kind", AlertEvents.SUBJECT, "subject", AlertEvents.SEVERITY, "severity",
            AlertEvents.MESSAGE, "message");

    private static final Map<String, String> QUEUE_FIELDS = fields(QueueEvents.QUEUE, "queue", QueueEvents.CALL_ID,
            "callId", QueueEvents.CALLER, "caller", QueueEvents.OUTCOME, "outcome", QueueEvents.WAIT_SECONDS,
            "waitSeconds", QueueEvents.AGENT, "agent", QueueEvents.STATE, "state", QueueEvents.REASON, "reason");
    private static final Map<String, String> PARKING_FIELDS = fields(ParkingEvents.SLOT, "slot",
            ParkingEvents.CALL_ID, "callId", ParkingEvents.CALLER, "caller", ParkingEvents.PARKED_BY, "parkedBy",
            ParkingEvents.OUTCOME, "outcome", ParkingEvents.BY, "by");

    private Payloads() {
    }

    /** @return the webhook events an Event Admin event makes: none, one, or two (a missed call also ends) */
    static List<Outgoing> of(Event e) {
        String topic = e.getTopic();
        if (topic.startsWith(SipEvents.CALL_TOPIC_PREFIX)) {
            Map<String, Object> data = copy(e, CALL_FIELDS);
            String key = String.valueOf(e.getProperty(SipEvents.CALL_ID));
            String name = switch (topic) {
                case SipEvents.CALL_STARTED -> WebhookEvents.CALL_STARTED;
                case SipEvents.CALL_RINGING -> WebhookEvents.CALL_RINGING;
                case SipEvents.CALL_ANSWERED -> WebhookEvents.CALL_ANSWERED;
                case SipEvents.CALL_ENDED -> WebhookEvents.CALL_ENDED;
                default -> null;
            };
            if (name == null) {
                return List.of();
            }
            Outgoing out = new Outgoing(name, key, data);
            return missed(e) ? List.of(out, new Outgoing(WebhookEvents.CALL_MISSED, key, data))
                    : List.of(out);
        }
        if (topic.equals(VoicemailEvents.LEFT)) {
            // keyed by its call, so that it follows that call's events
            Object call = e.getProperty(VoicemailEvents.CALL_ID);
            return List.of(new Outgoing(WebhookEvents.VOICEMAIL_LEFT, call != null ? call.toString()
                    : "voicemail-" + e.getProperty(VoicemailEvents.ID), copy(e, VOICEMAIL_FIELDS)));
        }
        if (topic.equals(MessageEvents.STORED)) {
            return List.of(new Outgoing(WebhookEvents.MESSAGE_RECEIVED,
                    String.valueOf(e.getProperty(MessageEvents.ID)), copy(e, MESSAGE_FIELDS)));
        }
        if (topic.equals(AlertEvents.FIRING) || topic.equals(AlertEvents.RESOLVED)) {
            return List.of(new Outgoing(topic.equals(AlertEvents.FIRING) ? WebhookEvents.ALERT_FIRING
                    : WebhookEvents.ALERT_RESOLVED, "alert-" + e.getProperty(AlertEvents.ID), copy(e, ALERT_FIELDS)));
        }
        return areas(e, topic);
    }

    /** Queues' and parking's events: a caller's keyed by its call, so that they follow that call's events. */
    private static List<Outgoing> areas(Event e, String topic) {
        String name = switch (topic) {
            case QueueEvents.CALLER_JOINED -> WebhookEvents.QUEUE_CALLER_JOINED;
            case QueueEvents.CALLER_LEFT -> WebhookEvents.QUEUE_CALLER_LEFT;
            case QueueEvents.AGENT_STATE -> WebhookEvents.QUEUE_AGENT_STATE;
            case ParkingEvents.PARKED -> WebhookEvents.CALL_PARKED;
            case ParkingEvents.LEFT -> WebhookEvents.CALL_UNPARKED;
            default -> null;
        };
        if (name == null) {
            return List.of();
        }
        if (name.equals(WebhookEvents.QUEUE_AGENT_STATE)) {
            return List.of(new Outgoing(name, "agent-" + e.getProperty(QueueEvents.AGENT), copy(e, QUEUE_FIELDS)));
        }
        boolean queue = topic.startsWith(QueueEvents.TOPIC_PREFIX);
        return List.of(new Outgoing(name, String.valueOf(e.getProperty(queue ? QueueEvents.CALL_ID
                : ParkingEvents.CALL_ID)), copy(e, queue ? QUEUE_FIELDS : PARKING_FIELDS)));
    }

    /** A call that ended unanswered, to someone on the switch: what a user sees as a missed call. */
    static boolean missed(Event e) {
        if (!SipEvents.CALL_ENDED.equals(e.getTopic())) {
            return false;
        }
        Object disposition = e.getProperty(SipEvents.DISPOSITION);
        boolean toUs = !"OUTBOUND".equals(e.getProperty(SipEvents.DIRECTION));
        return toUs && ("NO_ANSWER".equals(disposition) || "BUSY".equals(disposition)
                || "CANCELLED".equals(disposition));
    }

    /** @return the JSON body: the event, when it happened and its fields */
    static Map<String, Object> body(String event, Instant at, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("occurredAt", at.toString());
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> copy(Event e, Map<String, String> names) {
        Map<String, Object> data = new LinkedHashMap<>();
        names.forEach((property, field) -> {
            Object v = e.getProperty(property);
            if (v != null) {
                data.put(field, v);
            }
        });
        return data;
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
