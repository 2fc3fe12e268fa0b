package io.switchboard.phone.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** A phone on one account: its registration, its calls and their history. Close it to unregister. */
@ProviderType
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

    /**
     * Places a call whose INVITE carries headers of the caller's own, such as a page's request that the called
     * phone answer on its own ({@code Call-Info: <sip:host>;answer-after=0}).
     *
     * @param target as for {@link #dial(String, AudioSource, AudioSink)}
     * @param headers header names to their values, each added to the INVITE
     * @param sendOnly whether this phone only speaks (a page): its offer is {@code a=sendonly}, so that the called
     *            phone sends nothing back
     * @since 1.9
     */
    PhoneCall dial(String target, Map<String, String> headers, boolean sendOnly, AudioSource source, AudioSink sink);

    /**
     * Sends a text message (SIP MESSAGE, RFC 3428) through the account's server.
     *
     * @param target a SIP URI, or a user name or number at the account's domain
     * @return completed with the server's final answer: 200 a phone took it, 202 the switch keeps it
     *         for a recipient who is offline, else the refusal (403, 404, 480, 513 ...), or 408 when
     *         none came
     * @since 1.3
     */
    CompletionStage<Integer> send(String target, String text);

    /** @return the codecs this phone offers and accepts, best first (opus, G722, PCMU, PCMA unless set) */
    List<String> codecs();

    /**
     * Sets the codecs this phone offers and accepts from its next call on, best first.
     *
     * @param names any of opus, G722, PCMU and PCMA
     * @throws IllegalArgumentException naming a codec the engine does not have, or when none is given
     */
    void codecs(List<String> names);

    /** @return the calls not yet ended */
    List<PhoneCall> calls();

    /** @return every call of this phone, the newest first, those that ended included */
    List<PhoneCall> history();

    /** Hangs up its calls and unregisters. */
    @Override
    void close();
}
