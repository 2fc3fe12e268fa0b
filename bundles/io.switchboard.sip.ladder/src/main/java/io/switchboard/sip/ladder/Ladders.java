package io.switchboard.sip.ladder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import com.fasterxml.jackson.core.JsonProcessingException;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Keeps each call's SIP ladder while the call lasts, found by the Call-ID of either leg, and hands
 * it to the store a little after the call's end, so that the last 200 OK to BYE and ACKs are in it.
 * Messages of Call-IDs that belong to no call cost a map lookup and nothing more, unless every
 * message goes to a Homer collector too ({@link HepExporter}).
 */
public final class Ladders {

    /** How long after a call's end its last messages are still taken. */
    static final long LINGER_MILLIS = 2_000;

    private final Map<String, CallLadder> byCallId = new ConcurrentHashMap<>();
    private final LadderStore store;
    private final ScheduledExecutorService timer;
    private final int maxMessages;
    private final int maxChars;
    private final HepExporter hep;
    private final InetSocketAddress local;

    /**
     * @param maxMessages messages kept per call; 0 keeps no ladders at all
     * @param maxChars characters kept per call, all messages together
     * @param hep where every SIP message is exported as HEP, or null
     * @param local the switch's own address and SIP port, as HEP names the switch's side
     */
    public Ladders(LadderStore store, ScheduledExecutorService timer, int maxMessages, int maxChars, HepExporter hep,
            InetSocketAddress local) {
        this.store = store;
        this.timer = timer;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
        this.hep = hep;
        this.local = local;
    }

    /** A call goes ahead: its ladder starts with the caller's INVITE. */
    public void open(String aCallId, Request invite, String source) {
        if (maxMessages == 0) {
            return;
        }
        CallLadder ladder = new CallLadder(aCallId, Instant.now(), maxMessages, maxChars);
        byCallId.put(aCallId, ladder);
        ladder.add(aCallId, true, source, hostPort(arrivedAt(invite)), Redaction.redact(text(invite, true)));
    }

    /** A new leg B (a fork, a failover to the next trunk) of the call with this A Call-ID. */
    public void leg(String aCallId, String bCallId) {
        CallLadder ladder = byCallId.get(aCallId);
        if (ladder != null) {
            ladder.callIds.add(bCallId);
            byCallId.put(bCallId, ladder);
        }
    }

    public void received(Message message) {
        capture(message, true);
    }

    public void sent(Message message) {
        capture(message, false);
    }

    private void capture(Message message, boolean incoming) {
        CallLadder ladder = find(message);
        if (ladder == null && hep == null) {
            return;
        }
        String text = Redaction.redact(text(message, incoming));
        String callId = callId(message);
        String peer = incoming ? source(message) : destination(message);
        if (ladder != null) {
            ladder.add(callId, incoming, peer, hostPort(incoming ? arrivedAt(message) : local), text);
        }
        if (hep != null && incoming) {
            hep.sip(callId, socket(peer), arrivedAt(message), micros(), text);
        } else if (hep != null) {
            hep.sip(callId, local, socket(peer), micros(), text);
        }
    }

    /**
     * @return the switch's address a received message arrived at; the advertised one, at the port it came
     *         to, when the socket listens on every address and so cannot say which one
     */
    private InetSocketAddress arrivedAt(Message message) {
        if (!(message instanceof SIPMessage m) || m.getLocalAddress() == null) {
            return local;
        }
        if (!m.getLocalAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(m.getLocalAddress(), m.getLocalPort());
        }
        return local.isUnresolved() ? InetSocketAddress.createUnresolved(local.getHostString(), m.getLocalPort())
                : new InetSocketAddress(local.getAddress(), m.getLocalPort());
    }

    private static String hostPort(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** A received message as its bytes came, when the parser kept them: not encoded a second time. */
    private static String text(Message message, boolean incoming) {
        byte[] wire = incoming && message instanceof Wire w ? w.wire() : null;
        return wire != null ? new String(wire, StandardCharsets.UTF_8) : message.toString();
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** @return host:port as an address, without a DNS lookup: a name stays unresolved */
    static InetSocketAddress socket(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        if (host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The call has ended: its ladder is stored once its last messages have passed. */
    public void close(String aCallId) {
        CallLadder ladder = byCallId.get(aCallId);
        if (ladder == null) {
            return;
        }
        timer.schedule(() -> {
            ladder.callIds.forEach(id -> byCallId.remove(id, ladder));
            store.save(ladder);
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Server stop: every ladder kept so far is stored now, whether its call has ended or not. */
    public void stop() {
        byCallId.values().stream().distinct().forEach(store::save);
        byCallId.clear();
        store.close();
        if (hep != null) {
            hep.close();
        }
    }

    /** A call's measured quality, to the Homer collector when there is one. */
    public void quality(String aCallId, Map<String, Object> report) {
        if (hep != null) {
            try {
                hep.quality(aCallId, local, LadderStore.JSON.writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return calls whose ladder is being kept now */
    public int kept() {
        return (int) byCallId.values().stream().distinct().count();
    }

    private CallLadder find(Message message) {
        if (byCallId.isEmpty()) {
            return null;
        }
        String id = callId(message);
        return id == null ? null : byCallId.get(id);
    }

    private static String callId(Message message) {
        CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return h == null ? null : h.getCallId();
    }

    private static String source(Message message) {
        if (message instanceof SIPMessage m && m.getRemoteAddress() != null) {
            return m.getRemoteAddress().getHostAddress() + ":" + m.getRemotePort();
        }
        return null;
    }

    /** Where a message goes: a request to its first Route or its Request-URI, a response back along its top Via. */
    static String destination(Message message) {
        if (message instanceof Request request) {
            RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
            Object uri = route != null ? route.getAddress().getURI() : request.getRequestURI();
            if (uri instanceof SipURI sip) {
                return sip.getHost() + ":" + (sip.getPort() > 0 ? sip.getPort() : 5060);
            }
            return null;
        }
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        if (via == null) {
            return null;
        }
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : 5060;
        return host + ":" + port;
    }
}
