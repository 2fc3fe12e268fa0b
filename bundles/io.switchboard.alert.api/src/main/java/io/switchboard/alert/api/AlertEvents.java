package io.switchboard.alert.api;

/** The Event Admin events of alerts: their topics and property names. */
public final class AlertEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/alert/";
    public static final String FIRING = TOPIC_PREFIX + "FIRING";
    public static final String RESOLVED = TOPIC_PREFIX + "RESOLVED";

    public static final String ID = "alert.id";
    public static final String RULE = "alert.rule";
    public static final String KIND = "alert.kind";
    public static final String SUBJECT = "alert.subject";
    public static final String SEVERITY = "alert.severity";
    public static final String MESSAGE = "alert.message";

    private AlertEvents() {
    }
}
