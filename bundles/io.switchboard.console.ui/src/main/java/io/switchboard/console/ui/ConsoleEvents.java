package io.switchboard.console.ui;

/**
 * Events one area of the console sends another through the e4 event broker, so that neither
 * reaches into the other's classes.
 *
 * @since 1.1
 */
public final class ConsoleEvents {

    /**
     * Search the call records: the data is the query ({@code trunk:carrier-a AND start:[... TO ...}}).
     * Show the call records part first ({@value #CDR_SEARCH_PART}), then send this.
     */
    public static final String CDR_SEARCH = "io/switchboard/console/cdr/SEARCH";

    /** The element id of the call records part, which answers {@link #CDR_SEARCH}. */
    public static final String CDR_SEARCH_PART = "io.switchboard.cdr.ui.part.search";

    /**
     * Call a number from the console's softphone: the data is the number or SIP address. Show the
     * softphone part first ({@value #PHONE_PART}), then send this.
     *
     * @since 1.2
     */
    public static final String DIAL = "io/switchboard/console/phone/DIAL";

    /** The element id of the softphone part, which answers {@link #DIAL}; absent when no softphone is installed. */
    public static final String PHONE_PART = "io.switchboard.phone.ui.part.softphone";

    /**
     * Objects of an area changed on a server (an editor saved one, a view added one): the Servers
     * navigator lists its nodes' objects again. The data is ignored.
     *
     * @since 2.2
     */
    public static final String OBJECTS_CHANGED = "io/switchboard/console/navigator/OBJECTS_CHANGED";

    /**
     * Show a view wherever it lives: the data is the part's element id. The shell switches to the
     * perspective that holds it when the one in front does not, and brings it to the front. Send it
     * (not post) to find the part in front right after.
     *
     * @since 2.2
     */
    public static final String SHOW_VIEW = "io/switchboard/console/ui/SHOW_VIEW";

    private ConsoleEvents() {
    }
}
