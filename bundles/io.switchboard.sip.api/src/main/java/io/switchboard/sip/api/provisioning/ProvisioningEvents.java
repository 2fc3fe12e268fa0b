package io.switchboard.sip.api.provisioning;

/**
 * The Event Admin events posted after each change to users, trunks, numbers and routes:
 * {@code io/switchboard/sip/provisioning/<KIND>/<CHANGE>}, for example
 * {@code io/switchboard/sip/provisioning/TRUNK/DELETED}. Subscribe to {@code io/switchboard/sip/provisioning/*}
 * for all. Posted asynchronously, once the change is committed.
 */
public final class ProvisioningEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/sip/provisioning/";
    public static final String USER = "USER";
    public static final String TRUNK = "TRUNK";
    public static final String NUMBER = "NUMBER";
    public static final String ROUTE = "ROUTE";
    public static final String CREATED = "CREATED";
    public static final String CHANGED = "CHANGED";
    public static final String DELETED = "DELETED";

    /** Property: what changed, {@link #USER}, {@link #TRUNK}, {@link #NUMBER} or {@link #ROUTE}. */
    public static final String KIND = "provisioning.kind";
    /** Property: {@link #CREATED}, {@link #CHANGED} or {@link #DELETED}. */
    public static final String CHANGE = "provisioning.change";
    /** Property: the user's, trunk's or route's name, or the number. */
    public static final String NAME = "provisioning.name";

    private ProvisioningEvents() {
    }

    /** @return the topic of one kind of change */
    public static String topic(String kind, String change) {
        return TOPIC_PREFIX + kind + "/" + change;
    }
}
