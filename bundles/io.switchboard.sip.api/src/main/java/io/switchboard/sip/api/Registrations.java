package io.switchboard.sip.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What the registrar knows of a user's phones now (since 1.5). */
@ProviderType
public interface Registrations {

    /** @return how many phones of the user are registered and not expired now */
    int phones(String user);

    /**
     * @return where the user's registered phones registered from, newest first: the packets' real sources as
     *         {@code transport:address:port}, as the database holds them, so that every server of a cluster,
     *         and a server just restarted, gives the same answer (since 1.12)
     */
    List<String> sources(String user);
}
