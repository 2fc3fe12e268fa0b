package io.switchboard.sip.api;

import org.osgi.annotation.versioning.ProviderType;

/** What the registrar knows of a user's phones now (since 1.5). */
@ProviderType
public interface Registrations {

    /** @return how many phones of the user are registered and not expired now */
    int phones(String user);
}
