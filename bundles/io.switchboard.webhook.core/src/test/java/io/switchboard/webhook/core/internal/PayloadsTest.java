package io.switchboard.webhook.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import io.switchboard.parking.api.ParkingEvents;
import io.switchboard.queue.api.QueueEvents;
import io.switchboard.webhook.api.WebhookEvents;

/**
 * Queues' and parking's events as webhooks: named as subscriptions ask for them, a caller's keyed by the call so that
 * they follow that call's events, an agent's by the agent, with the fields under their JSON names.
 */
class PayloadsTest {

    @Test
    void aCallerLeavingAQueueIsKeyedByItsCallWithTheOutcomeAndTheWait() {
        List<Payloads.Outgoing> out = Payloads.of(new Event(QueueEvents.CALLER_LEFT, Map.of(QueueEvents.QUEUE, "600",
                QueueEvents.CALL_ID, "c1", QueueEvents.CALLER, "alice", QueueEvents.OUTCOME, "abandoned",
                QueueEvents.WAIT_SECONDS, 42L)));
        assertEquals(1, out.size());
        assertEquals(WebhookEvents.QUEUE_CALLER_LEFT, out.get(0).event());
        assertEquals("c1", out.get(0).key());
        assertEquals(Map.of("queue", "600", "callId", "c1", "caller", "alice", "outcome", "abandoned", "waitSeconds",
                42L), out.get(0).data());
    }

    @Test
    void anAgentsStateIsKeyedByTheAgent() {
        Payloads.Outgoing out = Payloads.of(new Event(QueueEvents.AGENT_STATE, Map.of(QueueEvents.QUEUE, "600",
                QueueEvents.AGENT, "bob", QueueEvents.STATE, "PAUSED", QueueEvents.REASON, "lunch"))).get(0);
        assertEquals(WebhookEvents.QUEUE_AGENT_STATE, out.event());
        assertEquals("agent-bob", out.key());
        assertEquals(Map.of("queue", "600", "agent", "bob", "state", "PAUSED", "reason", "lunch"), out.data());
    }

    @Test
    void aParkedCallAndItsRetrievalFollowTheCall() {
        Payloads.Outgoing parked = Payloads.of(new Event(ParkingEvents.PARKED, Map.of(ParkingEvents.SLOT, "701",
                ParkingEvents.CALL_ID, "c2", ParkingEvents.CALLER, "+15550100", ParkingEvents.PARKED_BY, "bob")))
                .get(0);
        assertEquals(WebhookEvents.CALL_PARKED, parked.event());
        assertEquals("c2", parked.key());
        assertEquals(Map.of("slot", "701", "callId", "c2", "caller", "+15550100", "parkedBy", "bob"), parked.data());
        Payloads.Outgoing left = Payloads.of(new Event(ParkingEvents.LEFT, Map.of(ParkingEvents.SLOT, "701",
                ParkingEvents.CALL_ID, "c2", ParkingEvents.CALLER, "+15550100", ParkingEvents.OUTCOME, "retrieved",
                ParkingEvents.BY, "carol"))).get(0);
        assertEquals(WebhookEvents.CALL_UNPARKED, left.event());
        assertEquals(Map.of("slot", "701", "callId", "c2", "caller", "+15550100", "outcome", "retrieved", "by",
                "carol"), left.data());
    }
}
