package io.switchboard.directory.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of contacts: a CRM, a helpdesk, an address book file. Register it as an OSGi service,
 * with {@link #NAME}; when several are registered they are asked by descending
 * {@code service.ranking} and the first that knows the number answers.
 * <p>
 * The switch never asks on a SIP thread and never waits longer than its bound for an answer (the
 * call rings without a name then), so a directory may block on its network; it is asked from
 * several threads at once. {@code io.switchboard.directory.conformance} checks a directory
 * against these rules.
 */
@ConsumerType
public interface ContactDirectory {

    /** Service property: the directory's name (a String) for admins' eyes: "crm", "address-book". */
    String NAME = "switchboard.directory.name";

    /**
     * @param number the caller's number: E.164 ("+12125550100") when the switch knows it so, else as
     *            the caller sent it; never null
     * @return who it belongs to, or empty when the directory does not know it
     */
    Optional<Contact> find(String number);
}
