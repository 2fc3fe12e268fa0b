package io.switchboard.sip.stack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.BlockingQueueDispatchAuditor;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * UDP listening points whose queue of datagrams waiting for a SIP thread is bounded. jain-sip's own
 * queue has no bound, and every datagram in it held a buffer of the largest message size: past
 * capacity (a flood, or thousands of phones re-registering after an outage, each retransmitting)
 * the queue grew until an OutOfMemoryError killed the UDP reader thread, and the switch stopped
 * answering for good. With a bound, a datagram that finds the queue full is dropped on arrival, as
 * the kernel drops what overflows the socket buffer; its sender retransmits, and the switch serves
 * at its capacity throughout and recovers as soon as the load falls.
 * <p>
 * The datagrams that wait longer than the stack's congestion timeout are still dropped unread, by
 * the stack's auditor running on the bounded queue. TCP and TLS are the stack's own processors.
 */
public final class UdpIngress implements MessageProcessorFactory {

    private static final System.Logger LOG = System.getLogger(UdpIngress.class.getName());

    private final MessageProcessorFactory others;
    private final int capacity;
    private final int congestionTimeoutMillis;
    private final AtomicLong dropped = new AtomicLong();
    private final Admission admit;

    /** Whether a datagram is read at all. */
    @FunctionalInterface
    public interface Admission {
        boolean admit(InetAddress from, byte[] data, int offset, int length);
    }

    /**
     * @param others the stack's factory, for every transport but UDP
     * @param capacity datagrams that may wait for a SIP thread, per UDP listening point
     * @param congestionTimeoutMillis a datagram that waited this long is dropped unread
     * @param admit whether a datagram is read at all: a locked-out or flooding source's are dropped
     *            here, before any parsing, on the reader thread (but for emergency calls)
     */
    public UdpIngress(MessageProcessorFactory others, int capacity, int congestionTimeoutMillis,
            Admission admit) {
        this.others = others;
        this.admit = admit;
        this.capacity = capacity;
        this.congestionTimeoutMillis = congestionTimeoutMillis;
    }

    /** @return a queue bound for the heap: an eighth of it in buffers of the largest message, 1,000 to 20,000 */
    public static int capacityFor(long maxHeapBytes, int maxMessageBytes) {
        return (int) Math.max(1_000, Math.min(20_000, maxHeapBytes / 8 / maxMessageBytes));
    }

    /** @return datagrams dropped on arrival because the queue was full, since start */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
            String transport) throws IOException {
        if (!"udp".equalsIgnoreCase(transport)) {
            return others.createMessageProcessor(stack, address, port, transport);
        }
        Bounded udp = new Bounded(address, stack, port);
        sendFromListeningSockets(stack);
        return udp;
    }

    /**
     * What the stack's own factory does when it makes a UDP processor, and what its field's package
     * access keeps from us: the flag that makes the stack send over the listening point's socket.
     * Without it every request went out from a new ephemeral socket, and the answers of peers that
     * reply to the source address (SIPp, many phones and NATs) never came back.
     */
    private static void sendFromListeningSockets(SIPTransactionStack stack) throws IOException {
        try {
            Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            flag.setAccessible(true);
            flag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("This jain-sip has no SIPTransactionStack.udpFlag; the bounded UDP queue "
                    + "(UdpIngress) needs the version in the target platform", e);
        }
    }

    /** The queue, counting what it turns away. */
    private final class Queue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private static final long serialVersionUID = 1L;

        Queue() {
            super(capacity);
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch datagram) {
            if (super.offer(datagram)) {
                return true;
            }
            dropped.incrementAndGet();
            return false;
        }
    }

    private final class Bounded extends UDPMessageProcessor {
        private final BlockingQueueDispatchAuditor auditor;
        private int reported;

        Bounded(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
            // the reader thread starts later (start()), so nothing is in the stack's queue yet
            messageQueue = new Queue();
            auditor = new BlockingQueueDispatchAuditor(messageQueue);
            auditor.setTimeout(congestionTimeoutMillis);
            auditor.start(Math.max(100, congestionTimeoutMillis / 2));
        }

        /**
         * The stack's reader, but for its buffers: the stack reads every datagram into a new buffer of
         * the largest message size (16 KB, zeroed, for a message of a few hundred bytes; a quarter of
         * all the server allocated under a load of text messages). This reads into one buffer and
         * queues a copy of the bytes received, after the admission check, so a dropped datagram
         * costs no copy at all.
         */
        @Override
        public void run() {
            int threads = threads(sipStack);
            messageChannels = new LinkedList<>();
            String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
            for (int i = 0; i < threads; i++) {
                messageChannels.add(new Worker(sipStack, this, name + i));
            }
            byte[] buffer = new byte[StackProperties.MAX_MESSAGE_SIZE];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    received.setData(buffer);
                    sock.receive(received);
                    int length = received.getLength();
                    if (!admit.admit(received.getAddress(), buffer, 0, length)) {
                        continue; // dropped unread; not counted as overload, the guard counts it
                    }
                    DatagramPacket packet = new DatagramPacket(Arrays.copyOf(buffer, length), length,
                            received.getAddress(), received.getPort());
                    messageQueue.offer(new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis()));
                } catch (SocketTimeoutException e) {
                    // only with the stack's thread auditor, which pings this way
                } catch (IOException | RuntimeException e) {
                    if (!isRunning) {
                        return;
                    }
                    report(e);
                }
            }
        }

        /** As the stack does: the first ten failures of the socket are logged, the rest not. */
        private void report(Exception e) {
            if (reported++ < 10) {
                LOG.log(System.Logger.Level.WARNING, "Cannot read the UDP socket of " + getIpAddress().getHostAddress()
                        + ":" + getPort() + " (" + e + "); reading on" + (reported == 10 ? ", no longer reporting" : ""));
            }
        }

        @Override
        public void stop() {
            super.stop();
            auditor.stop();
        }
    }

    /** @return the stack's SIP threads for UDP (the property StackProperties always sets), at least one */
    private static int threads(SIPTransactionStack stack) {
        try {
            return Math.max(1, Integer.parseInt(((SipStackImpl) stack).getConfigurationProperties()
                    .getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** One of the stack's SIP threads for UDP: its constructor starts the thread, as the stack's reader does. */
    private static final class Worker extends UDPMessageChannel {
        Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String name) {
            super(stack, processor, name);
        }
    }
}
