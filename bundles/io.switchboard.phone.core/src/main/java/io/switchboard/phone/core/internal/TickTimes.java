package io.switchboard.phone.core.internal;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import javax.management.ObjectName;

/**
 * How long an audio thread's 20 ms ticks took over the last 30 s (1,500 ticks), for the JVM's
 * management beans ({@code io.switchboard:type=AudioTicks,thread=N}): what its calls cost it at once,
 * and whether it keeps up (a tick near 20 ms delays every call's audio on it). Recording a tick
 * allocates nothing; the figures are worked out when read.
 */
public final class TickTimes implements AudioTicksMXBean {

    private final long[] nanos = new long[1500];
    private long count;
    private ObjectName name;

    /** Called by the audio thread after each tick. */
    synchronized void took(long tickNanos) {
        nanos[(int) (count++ % nanos.length)] = tickNanos;
    }

    private synchronized long[] sorted() {
        long[] s = Arrays.copyOf(nanos, (int) Math.min(count, nanos.length));
        Arrays.sort(s);
        return s;
    }

    private double at(double share) {
        long[] s = sorted();
        return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) (s.length * share))] / 1e6;
    }

    @Override
    public double getP50Millis() {
        return at(0.5);
    }

    @Override
    public double getP99Millis() {
        return at(0.99);
    }

    @Override
    public double getMaxMillis() {
        return at(1.0);
    }

    @Override
    public synchronized long getTicks() {
        return count;
    }

    /**
     * Shows the figures in the JVM's management beans; several engines in one JVM each have theirs.
     *
     * @param thread which of the engine's audio threads
     */
    void register(int thread) {
        try {
            name = new ObjectName("io.switchboard:type=AudioTicks,engine=" + System.identityHashCode(this)
                    + ",thread=" + thread);
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
        } catch (Exception | LinkageError e) {
            name = null; // the figures are a diagnosis: the audio goes on without them
        }
    }

    void unregister() {
        try {
            if (name != null) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (Exception e) {
            // gone already
        }
    }
}
