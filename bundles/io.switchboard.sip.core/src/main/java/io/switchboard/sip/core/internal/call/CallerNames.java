package io.switchboard.sip.core.internal.call;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.switchboard.directory.api.Contact;
import io.switchboard.directory.api.ContactLookup;

/**
 * Names the caller of a call from a trunk from the contact directories (a CRM, an address book):
 * the name its phones show, and the record's. The directories' lookup is bounded, so the call
 * waits a moment at most and rings without a name when they are slow; a cached answer costs
 * nothing. While it waits the call is started, so that the carrier's CANCEL finds it.
 */
final class CallerNames {

    private volatile Supplier<ContactLookup> lookups = () -> null;
    private final Executor continuation;

    /** @param continuation where a call that waited goes on: not the thread that completed the lookup */
    CallerNames(Executor continuation) {
        this.continuation = continuation;
    }

    void use(Supplier<ContactLookup> lookups) {
        this.lookups = lookups == null ? () -> null : lookups;
    }

    /**
     * @param start starts the call (its dialog and lookup maps) before it waits
     * @param then goes on with the call once the directories answered or the bound passed
     * @return true when the call waits and {@code then} will run; false when it may go on now
     */
    boolean ask(Call call, Starter start, Runnable then) throws Exception {
        ContactLookup lookup = lookups.get();
        String number = call.callerE164 != null ? call.callerE164 : call.caller;
        if (lookup == null || number == null || number.isBlank() || "anonymous".equalsIgnoreCase(number)) {
            return false;
        }
        CompletableFuture<Optional<Contact>> answer = lookup.lookup(number);
        if (answer.isDone()) {
            name(call, answer.getNow(Optional.empty()));
            return false;
        }
        start.start(call);
        answer.whenCompleteAsync((contact, e) -> {
            synchronized (call) {
                if (call.state == Call.State.ENDED) {
                    return; // the carrier gave up while the directories were asked
                }
                name(call, contact == null ? Optional.empty() : contact);
            }
            then.run();
        }, continuation);
        return true;
    }

    /** The directory's name wins over the carrier's: the company knows its customers better than caller-name databases. */
    private static void name(Call call, Optional<Contact> contact) {
        contact.ifPresent(c -> {
            call.callerName = c.name();
            call.callerCompany = c.company();
            call.callerLink = c.link();
        });
    }

    /** Starts a call that is to wait. */
    interface Starter {
        void start(Call call) throws Exception;
    }
}
