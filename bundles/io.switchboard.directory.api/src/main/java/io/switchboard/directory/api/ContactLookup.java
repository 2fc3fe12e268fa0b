package io.switchboard.directory.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The switch's way to the contact directories: each answer is cached for a while, the same number
 * asked twice at once is asked of the directories once, and no answer is awaited longer than the
 * bound the admin set. Implemented by {@code io.switchboard.directory.core}; safe from any thread.
 */
@ProviderType
public interface ContactLookup {

    /**
     * @param number a number, as for {@link ContactDirectory#find}
     * @return a future that completes within the bound, never exceptionally: with the contact, or
     *         empty when no directory knows the number, none answered in time, or none is installed.
     *         A cached answer comes completed already.
     */
    CompletableFuture<Optional<Contact>> lookup(String number);
}
