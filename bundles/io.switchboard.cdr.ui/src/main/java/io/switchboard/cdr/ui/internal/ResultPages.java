package io.switchboard.cdr.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.SearchResult;
import io.switchboard.console.ui.widgets.ServerCall;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Feeds an {@code SWT.VIRTUAL} table from a search result of any size: a row asks for its page
 * when it is shown, the page is fetched in a job, and only the last few pages are kept, so the
 * console's memory does not grow with the result. The table holds a window of the result
 * ({@link #WINDOW_PAGES} pages) that {@link #moveTo} slides: GTK pays for every row a table is
 * told it has, about 4 seconds a million, so ten million rows at once would freeze the console.
 */
final class ResultPages {

    /** Fetches one page of the current search. */
    interface Fetch {
        SearchResult page(int offset, int limit) throws ManagementException;
    }

    static final int WINDOW_PAGES = 50;
    private static final int KEPT_PAGES = 8;

    private final Table table;
    private final Consumer<ManagementException> failed;
    private final Runnable moved;
    private final Map<Long, List<CallRecord>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<CallRecord>> eldest) {
            if (size() <= KEPT_PAGES) {
                return false;
            }
            // The rows of a page let go forget their texts too: they are asked for again when shown.
            clearRows(eldest.getKey(), eldest.getValue().size());
            return true;
        }
    };
    private final Set<Long> loading = ConcurrentHashMap.newKeySet();
    private Fetch fetch;
    private int pageSize = 1;
    private long total;
    private long windowStart;
    private long generation;

    /** @param moved told when the window moves or the result changes */
    ResultPages(Table table, Consumer<ManagementException> failed, Runnable moved) {
        this.table = table;
        this.failed = failed;
        this.moved = moved;
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
    }

    /** Starts over with a new search whose first page has come: the table shows its first window. */
    void reset(Fetch next, int size, SearchResult first) {
        generation++;
        fetch = next;
        pageSize = size;
        total = first.total();
        pages.clear();
        loading.clear();
        pages.put(0L, first.records());
        show(0);
    }

    /** Shows the window that starts at this row of the result (kept within the result). */
    void moveTo(long row) {
        show(Math.max(0, Math.min(row, lastWindowStart())));
    }

    long total() {
        return total;
    }

    /** @return the result's row shown as the table's first */
    long windowStart() {
        return windowStart;
    }

    long windowRows() {
        return (long) pageSize * WINDOW_PAGES;
    }

    long lastWindowStart() {
        return Math.max(0, total - windowRows());
    }

    /** @return the record at this table row when its page is here, else null (and the page is asked for) */
    CallRecord record(int index) {
        long row = windowStart + index;
        List<CallRecord> page = pages.get(row / pageSize);
        if (page == null) {
            load(row / pageSize);
            return null;
        }
        int i = (int) (row % pageSize);
        return i < page.size() ? page.get(i) : null;
    }

    int cachedPages() {
        return pages.size();
    }

    private void show(long start) {
        windowStart = start;
        int rows = (int) Math.min(windowRows(), total - start);
        if (rows < table.getItemCount()) {
            table.removeAll(); // one call, where shrinking removes row by row
        }
        table.clearAll();
        table.setItemCount(rows);
        if (rows > 0) {
            table.setTopIndex(0);
        }
        moved.run();
    }

    private void fill(TableItem item, int index) {
        CallRecord r = record(index);
        item.setText(r == null ? new String[] { "…" } : Rows.cells(r));
        item.setData(r);
    }

    /** Clears the table rows of a page of the result, where the window shows them. */
    private void clearRows(long page, int size) {
        long from = Math.max(page * pageSize, windowStart) - windowStart;
        long to = Math.min(page * pageSize + size, windowStart + table.getItemCount()) - windowStart - 1;
        if (to >= from) {
            table.clear((int) from, (int) to);
        }
    }

    private void load(long page) {
        if (fetch == null || !loading.add(page)) {
            return;
        }
        long asked = generation;
        Fetch f = fetch;
        ServerCall<SearchResult> call = () -> f.page(Math.toIntExact(page * pageSize), pageSize);
        ServerWork.run(table, "Loading call records " + (page * pageSize + 1) + "–" + ((page + 1) * pageSize), call,
                result -> {
                    loading.remove(page);
                    if (asked != generation) {
                        return;
                    }
                    pages.put(page, result.records());
                    clearRows(page, result.records().size());
                }, e -> {
                    loading.remove(page);
                    failed.accept(e);
                });
    }
}
