package io.switchboard.sip.api.calltarget;

import java.util.List;

/**
 * What the route simulator shows of a call target's calls ({@link CallTarget#path}): a line saying what the target
 * does with a call, and where a caller may go on from it, each way walked further as routing takes it.
 *
 * @param step what the target does ("menu 800 plays main-greeting")
 * @param branches the ways on, in the order to show them; empty when the call ends at the target
 * @since 1.8
 */
public record TargetPath(String step, List<Branch> branches) {

    public TargetPath {
        branches = branches == null ? List.of() : List.copyOf(branches);
    }

    /**
     * One way on from the target.
     *
     * @param when what takes the caller there ("key 1", "no key")
     * @param destination what the switch is handed, as a redirect names it (a user, {@code voicemail:NAME}, a
     *            number of the inventory, another target), or null when the call ends there
     */
    public record Branch(String when, String destination) {
    }
}
