package io.switchboard.phone.api;

import java.util.List;

/** A phone on one account: its registration, its calls and their history. Close it to unregister. */
public interface Phone extends AutoCloseable {

    PhoneAccount account();

    /** @return whether the server accepted the last REGISTER */
    boolean registered();

    /**
     * Places a call.
     *
     * @param target a SIP URI, or a number or user name, which is called at the account's domain
     */
    PhoneCall dial(String target, AudioSource source, AudioSink sink);

    /** @return the calls not yet ended */
    List<PhoneCall> calls();

    /** @return every call of this phone, the newest first, those that ended included */
    List<PhoneCall> history();

    /** Hangs up its calls and unregisters. */
    @Override
    void close();
}
