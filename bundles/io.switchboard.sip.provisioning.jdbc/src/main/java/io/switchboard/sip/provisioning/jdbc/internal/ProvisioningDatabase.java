package io.switchboard.sip.provisioning.jdbc.internal;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.store.api.Store;

/**
 * What the provisioning services share: the tables (migrated once, before any service reads them),
 * the key that trunk passwords are encrypted with, the digest realm of the switch's settings
 * ({@code io.switchboard.sip}, whose {@code realm} users' hashes are made for), and the change events.
 */
@Component(service = ProvisioningDatabase.class, configurationPid = ProvisioningDatabase.SIP_PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ProvisioningDatabase {

    static final String SIP_PID = "io.switchboard.sip";
    static final String CHANGELOG = "db/io.switchboard.sip.provisioning.changelog.xml";

    private final DataSource db;
    private final Secrets secrets;
    private volatile String realm;
    private final UserCache<SipCredentials.Digest> users;
    private final UserCache<CallingPolicy> policies;
    private volatile EventAdmin events;

    @Activate
    public ProvisioningDatabase(@Reference Store store, BundleContext context, Map<String, Object> settings) {
        store.migrate(context.getBundle(), CHANGELOG);
        this.db = store.dataSource();
        this.secrets = new Secrets(keyFile(context));
        this.realm = realm(settings);
        this.users = new UserCache<>();
        this.policies = new UserCache<>();
    }

    /** @return the key file: in the launcher's keys folder (--keys), else {@code <data>/keys} */
    static Path keyFile(BundleContext context) {
        String keys = context.getProperty("switchboard.keys");
        if (keys != null) {
            return Path.of(keys, "secrets.key");
        }
        String data = context.getProperty("switchboard.data");
        return Path.of(data == null ? "." : data, "keys", "secrets.key");
    }

    /**
     * The switch's settings changed (or arrived after this started without them): only the realm is
     * read here, so the services stay up. Restarted instead, they took the whole switch, its API
     * resources and its shell commands down and up again with them.
     */
    @Modified
    void modified(Map<String, Object> settings) {
        this.realm = realm(settings);
    }

    private static String realm(Map<String, Object> settings) {
        Object r = settings.get("realm");
        return r == null || r.toString().isBlank() ? "switchboard" : r.toString().trim();
    }

    /** For tests: the tables must be there. */
    ProvisioningDatabase(DataSource db, Secrets secrets, String realm) {
        this.db = db;
        this.secrets = secrets;
        this.realm = realm;
        this.users = new UserCache<>();
        this.policies = new UserCache<>();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin eventAdmin) {
        this.events = eventAdmin;
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        if (this.events == eventAdmin) {
            this.events = null;
        }
    }

    DataSource dataSource() {
        return db;
    }

    Secrets secrets() {
        return secrets;
    }

    String realm() {
        return realm;
    }

    UserCache<CallingPolicy> policies() {
        return policies;
    }

    UserCache<SipCredentials.Digest> users() {
        return users;
    }

    /** Posts a change once it is committed. */
    void changed(String kind, String change, String name) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(ProvisioningEvents.topic(kind, change),
                    Map.of(ProvisioningEvents.KIND, kind, ProvisioningEvents.CHANGE, change, ProvisioningEvents.NAME,
                            name)));
        }
    }
}
