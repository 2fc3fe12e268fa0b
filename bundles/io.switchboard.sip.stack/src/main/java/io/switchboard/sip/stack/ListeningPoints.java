package io.switchboard.sip.stack;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import io.switchboard.sip.transport.TlsLayer;

/**
 * The switch's listening points, one per {@link Listener} configuration, on one jain-sip stack.
 * <p>
 * Each socket is opened by exactly one configuration: a second one naming the same (or an
 * overlapping) transport, address and port is refused and named in the log, never given the
 * first one's socket to share, so that removing it can never close the socket the first one
 * serves. A configuration that goes is closed {@link #CLOSE_GRACE_MILLIS} later, and one for the
 * same socket arriving meanwhile takes the open socket over: a settings file read again never
 * leaves the switch deaf. Settings that are not valid (a file read while empty or half-written)
 * open nothing and keep the point of the same file's last valid settings open until valid ones
 * come. A point is listed only while its socket is open, and a watchdog opens again any whose
 * socket closed under it.
 */
public final class ListeningPoints {

    private static final Logger LOG = System.getLogger(ListeningPoints.class.getName());
    /** A port still held (by the stack these settings replace, or another program) is tried this often. */
    static final int LISTEN_ATTEMPTS = 30;
    /** How long a point outlives its configuration, waiting for one for the same socket. */
    static final long CLOSE_GRACE_MILLIS = 3_000;
    static final long WATCHDOG_SECONDS = 5;

    private final SipStack stack;
    private final SipListener listener;
    private final ScheduledExecutorService timer;
    /** Open points by their settings; one provider per address and port holds UDP and TCP together. */
    private final Map<Listener, ListeningPoint> points = new ConcurrentHashMap<>();
    private final Map<String, SipProvider> providers = new ConcurrentHashMap<>();
    /** Configurations present now, open or not. */
    private final Set<Listener> wanted = ConcurrentHashMap.newKeySet();
    /** Why a wanted configuration has no open point. */
    private final Map<Listener, String> problems = new ConcurrentHashMap<>();
    private final Map<Listener, ScheduledFuture<?>> closing = new ConcurrentHashMap<>();
    /** Points kept open for settings that are not valid (by those settings): the same file's last valid ones. */
    private final Map<Listener, Listener> kept = new ConcurrentHashMap<>();

    public ListeningPoints(SipStack stack, SipListener listener, ScheduledExecutorService timer) {
        this.stack = stack;
        this.listener = listener;
        this.timer = timer;
        timer.scheduleWithFixedDelay(this::watch, WATCHDOG_SECONDS, WATCHDOG_SECONDS, TimeUnit.SECONDS);
    }

    public synchronized void add(Listener l) {
        wanted.add(l);
        if (l.problem() == null) {
            listen(l, 1);
            return;
        }
        problems.put(l, l.problem());
        Listener previous = closing.keySet().stream().filter(c -> c.pid().equals(l.pid())).findFirst().orElse(null);
        if (previous == null) {
            LOG.log(Level.ERROR, l.problem() + "; no listening point opened for it");
            return;
        }
        closing.remove(previous).cancel(false);
        kept.put(l, previous);
        LOG.log(Level.ERROR, l.problem() + "; " + previous + " stays open until these settings are valid again");
    }

    public synchronized void remove(Listener l) {
        wanted.remove(l);
        problems.remove(l);
        Listener previous = kept.remove(l);
        if (previous != null) {
            closeLater(previous);
        }
        if (points.containsKey(l)) {
            closeLater(l);
        }
    }

    private void closeLater(Listener l) {
        try {
            closing.put(l, timer.schedule(() -> close(l), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException stopping) {
            close(l);
        }
    }

    private synchronized void listen(Listener l, int attempt) {
        if (!wanted.contains(l) || l.problem() != null || points.containsKey(l) || timer.isShutdown()) {
            return;
        }
        for (Listener other : List.copyOf(points.keySet())) {
            if (other == l || !other.overlaps(l)) {
                continue;
            }
            if (!wanted.contains(other) && !kept.containsValue(other) && other.sameSocketAs(l)) {
                // its configuration has just gone and come back (the file was read again): keep the socket
                ScheduledFuture<?> pending = closing.remove(other);
                if (pending != null) {
                    pending.cancel(false);
                }
                points.put(l, points.remove(other));
                problems.remove(l);
                LOG.log(Level.INFO, "SIP listening on " + l + " continues (settings " + l.source() + " read again)");
                return;
            }
            if (wanted.contains(other) || kept.containsValue(other)) {
                String why = "not opened: " + other + " of " + other.source() + " already listens there";
                problems.put(l, why);
                LOG.log(Level.ERROR, "SIP listening point " + l + " of " + l.source() + " " + why
                        + " (one settings file per listening point)");
                return;
            }
            problems.put(l, "waiting for " + other + " to close");
            return; // the other closes shortly; its close opens this one
        }
        try {
            if (l.keys() != null && ((SIPTransactionStack) stack).getNetworkLayer()
                    instanceof TlsLayer layer) {
                layer.serve(l.stackAddress(), l.port(), l.keys());
            }
            ListeningPoint lp = stack.createListeningPoint(l.stackAddress(), l.port(), l.transport());
            String key = l.address() + "|" + l.port();
            SipProvider provider = providers.get(key);
            if (provider == null) {
                provider = stack.createSipProvider(lp);
                provider.addSipListener(listener);
                providers.put(key, provider);
            } else {
                provider.addListeningPoint(lp);
            }
            points.put(l, lp);
            problems.remove(l);
            LOG.log(Level.INFO, "SIP listening on " + l + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        } catch (Exception e) {
            forgetUnstarted(l);
            String why = "Cannot listen for SIP on " + l + ": " + rootMessage(e)
                    + " (is the port taken? settings " + l.source() + " or --sip-port)";
            problems.put(l, rootMessage(e));
            if (attempt < LISTEN_ATTEMPTS) {
                if (attempt == 1) {
                    LOG.log(Level.WARNING, why + "; trying again every second for " + LISTEN_ATTEMPTS + " s");
                }
                try {
                    timer.schedule(() -> listen(l, attempt + 1), 1, TimeUnit.SECONDS);
                } catch (RejectedExecutionException stopping) {
                    // the switch is stopping: nothing to listen for
                }
            } else {
                LOG.log(Level.ERROR, why + "; gave up after " + LISTEN_ATTEMPTS + " attempts");
            }
        }
    }

    private synchronized void close(Listener l) {
        closing.remove(l);
        ListeningPoint lp = wanted.contains(l) || kept.containsValue(l) ? null : points.remove(l);
        if (lp == null) {
            return;
        }
        delete(l, lp);
        LOG.log(Level.INFO, "SIP no longer listening on " + l);
        for (Listener waiting : List.copyOf(wanted)) {
            if (!points.containsKey(waiting)) {
                listen(waiting, 1);
            }
        }
    }

    /**
     * Closes a point's socket, and its provider with its last point unless that is the stack's last provider:
     * jain-sip stops the whole stack when its last provider is deleted, and a point opened later (the
     * watchdog's, or a settings file put back) would then never be served. An empty provider stays instead.
     */
    private void delete(Listener l, ListeningPoint lp) {
        String key = l.address() + "|" + l.port();
        SipProvider provider = providers.get(key);
        try {
            if (provider != null && provider.getListeningPoints().length <= 1 && providers.size() > 1) {
                providers.remove(key);
                close(provider);
            } else if (provider != null) {
                provider.removeListeningPoint(lp);
                stack.deleteListeningPoint(lp);
            } else {
                stack.deleteListeningPoint(lp);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing SIP listening point " + l + ": " + e.getMessage());
        }
    }

    /** Opens again every wanted point whose socket is no longer open, saying so. */
    private synchronized void watch() {
        for (Map.Entry<Listener, ListeningPoint> e : List.copyOf(points.entrySet())) {
            if ((wanted.contains(e.getKey()) || kept.containsValue(e.getKey())) && !isOpen(e.getValue())) {
                LOG.log(Level.ERROR, "SIP listening point " + e.getKey() + " lost its socket; opening it again");
                points.remove(e.getKey());
                delete(e.getKey(), e.getValue());
                listen(e.getKey(), 1);
            }
        }
    }

    /**
     * jain-sip registers a listening point before it binds its socket and keeps it when binding
     * fails; asked again, it would hand back that one, which never listens. Remove it. Its
     * deleteListeningPoint first drops the message processor, then stops it (which fails on a socket
     * never opened) and only then forgets the listening point: the second call, with no processor
     * left to stop, completes.
     */
    private void forgetUnstarted(Listener l) {
        try {
            List<ListeningPoint> stale = new ArrayList<>();
            for (Iterator<?> it = stack.getListeningPoints(); it.hasNext();) {
                ListeningPoint lp = (ListeningPoint) it.next();
                if (lp.getPort() == l.port() && lp.getTransport().equalsIgnoreCase(l.transport())
                        && lp.getIPAddress().equals(l.stackAddress()) && !points.containsValue(lp)) {
                    stale.add(lp);
                }
            }
            for (ListeningPoint lp : stale) {
                try {
                    stack.deleteListeningPoint(lp);
                } catch (RuntimeException neverStarted) {
                    stack.deleteListeningPoint(lp);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot remove the SIP listening point that did not start on " + l + ": " + e);
        }
    }

    /** @return a provider with an open listening point for the transport, or null */
    public SipProvider provider(String transport) {
        for (SipProvider p : providers.values()) {
            if (p.getListeningPoint(transport) != null) {
                return p;
            }
        }
        return null;
    }

    /** @return the points whose socket is open, as transport:address:port */
    public List<String> listening() {
        List<String> out = new ArrayList<>();
        points.forEach((l, lp) -> {
            if (isOpen(lp)) {
                out.add(l.toString());
            }
        });
        out.sort(null);
        return out;
    }

    /** @return configured points without an open socket, with the reason */
    public Map<String, String> notListening() {
        Map<String, String> out = new TreeMap<>();
        for (Listener l : wanted) {
            ListeningPoint lp = points.get(l);
            if (lp == null || !isOpen(lp)) {
                out.put(l + " (" + l.source() + ")", problems.getOrDefault(l, lp == null ? "opening" : "socket closed"));
            }
        }
        return out;
    }

    /** Forgets every point at once: the switch is stopping, and the stack's stop closes their sockets. */
    public synchronized void closeAll() {
        closing.values().forEach(f -> f.cancel(false));
        closing.clear();
        kept.clear();
        providers.values().forEach(provider -> provider.removeSipListener(listener));
        providers.clear();
        points.clear();
    }

    private void close(SipProvider provider) {
        try {
            provider.removeSipListener(listener);
            ListeningPoint[] lps = provider.getListeningPoints();
            stack.deleteSipProvider(provider);
            for (ListeningPoint lp : lps) {
                stack.deleteListeningPoint(lp);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing a SIP listening point: " + e.getMessage());
        }
    }

    /** @return true while the point's socket is open and its processor running */
    static boolean isOpen(ListeningPoint lp) {
        if (!(lp instanceof ListeningPointImpl impl)) {
            return true;
        }
        MessageProcessor processor = impl.getMessageProcessor();
        try {
            if (processor instanceof UDPMessageProcessor) {
                DatagramSocket socket = (DatagramSocket) field(UDPMessageProcessor.class, "sock")
                        .get(processor);
                return socket != null && !socket.isClosed()
                        && field(UDPMessageProcessor.class, "isRunning").getBoolean(processor);
            }
            if (processor instanceof ConnectionOrientedMessageProcessor) {
                ServerSocket socket = (ServerSocket) field(ConnectionOrientedMessageProcessor.class,
                        "sock").get(processor);
                return socket != null && !socket.isClosed();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // another jain-sip: its sockets cannot be inspected, so trust the stack
        }
        return processor != null;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
