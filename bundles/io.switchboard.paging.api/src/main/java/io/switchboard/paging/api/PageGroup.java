package io.switchboard.paging.api;

import java.util.List;

/**
 * A group of phones paged at once: dialling its name (or a number of the inventory whose destination it is)
 * calls every member's phones, each told to answer on its own, and the caller is heard on all of them.
 *
 * @param name the extension that reaches it ("800")
 * @param members the users whose phones are paged; a member in a call is passed by
 * @param duplex false for a page (one way: the members hear the caller and send nothing back), true for an
 *            intercom (both ways: the caller hears the members too)
 * @param description the admin's note
 * @param version the stored version (0 before it is stored): a change made against another is refused
 */
public record PageGroup(String name, List<String> members, boolean duplex, String description, long version) {

    public PageGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** @return this group as stored at {@code version} */
    public PageGroup withVersion(long version) {
        return new PageGroup(name, members, duplex, description, version);
    }
}
