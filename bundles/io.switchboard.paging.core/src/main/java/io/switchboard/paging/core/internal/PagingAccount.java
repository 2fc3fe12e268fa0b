package io.switchboard.paging.core.internal;

import java.security.SecureRandom;
import java.util.Base64;

import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;

/**
 * The SIP user pages call members' phones as, through the switch, so that the switch routes, limits and records
 * these calls like any user's. Its password lives in memory only: it is set anew when this server first pages,
 * and again when the switch refuses it (another server set its own).
 */
final class PagingAccount {

    private final PhoneEngine engine;
    private final UserService users;
    private final String user;
    private final String sipHost;
    private final int sipPort;
    private String password;

    PagingAccount(PhoneEngine engine, UserService users, String user, String sipHost, int sipPort) {
        this.engine = engine;
        this.users = users;
        this.user = user;
        this.sipHost = sipHost;
        this.sipPort = sipPort;
    }

    String user() {
        return user;
    }

    /** @return a phone of the account, showing {@code name} to the phones it calls */
    synchronized Phone open(String name, PhoneListener listener) {
        if (password == null) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            boolean made = users.user(user).isEmpty();
            users.save(new SipUser(user, "Paging", true, null, null), fresh);
            if (made) {
                // pages reach users only; an admin may change it later like any user's
                users.savePolicy(user, new CallingPolicy(CallClass.INTERNAL, null, null));
            }
            password = fresh;
        }
        return engine.open(new PhoneAccount(user, sipHost, password, sipHost, sipPort, Transport.UDP, name, 0),
                listener);
    }

    /** The switch refused the account: the next page sets its password again. */
    synchronized void renew() {
        password = null;
    }
}
