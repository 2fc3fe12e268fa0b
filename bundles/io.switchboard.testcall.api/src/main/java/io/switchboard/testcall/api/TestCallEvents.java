package io.switchboard.testcall.api;

/** The Event Admin events of test calls, posted after each one: topics and property names. */
public final class TestCallEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/testcall/";
    public static final String PASSED = TOPIC_PREFIX + "PASSED";
    public static final String FAILED = TOPIC_PREFIX + "FAILED";

    public static final String SCHEDULE = "testcall.schedule";
    /** The trunk, absent when the schedule names none */
    public static final String TRUNK = "testcall.trunk";
    public static final String NUMBER = "testcall.number";
    public static final String OUTCOME = "testcall.outcome";
    public static final String REASON = "testcall.reason";

    private TestCallEvents() {
    }
}
