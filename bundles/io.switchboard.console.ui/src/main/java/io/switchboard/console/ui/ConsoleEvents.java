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

    private ConsoleEvents() {
    }
}
