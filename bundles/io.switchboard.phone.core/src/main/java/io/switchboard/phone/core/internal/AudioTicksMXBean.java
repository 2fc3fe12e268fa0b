package io.switchboard.phone.core.internal;

/** How long the audio thread's ticks took, in milliseconds over the last 1,500 ({@link TickTimes}). */
public interface AudioTicksMXBean {
    double getP50Millis();

    double getP99Millis();

    double getMaxMillis();

    long getTicks();
}
