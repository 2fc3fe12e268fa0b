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
 * console's memory does not grow with the result.
 */
final class ResultPages {

    /** Fetches one page of the current search. */
    interface Fetch {
        SearchResult page(int offset, int limit) throws ManagementException;
    }

    private static final int KEPT_PAGES = 8;

    private final Table table;
    private final Consumer<ManagementException> failed;
    private final Map<Integer, List<CallRecord>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<CallRecord>> eldest) {
            return size() > KEPT_PAGES;
        }
    };
    private final Set<Integer> loading = ConcurrentHashMap.newKeySet();
    private Fetch fetch;
    private int pageSize;
    private long generation;

    ResultPages(Table table, Consumer<ManagementException> failed) {
        this.table = table;
        this.failed = failed;
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
    }

    /** Starts over with a new search whose first page has come: the table gets its full length. */
    void reset(Fetch next, int size, SearchResult first) {
        generation++;
        fetch = next;
        pageSize = size;
        pages.clear();
        loading.clear();
        pages.put(0, first.records());
        table.clearAll();
        table.setItemCount((int) Math.min(Integer.MAX_VALUE, first.total()));
    }

    /** @return the record at this row when its page is here, else null (and the page is asked for) */
    CallRecord record(int index) {
        List<CallRecord> page = pages.get(index / pageSize);
        if (page == null) {
            load(index / pageSize);
            return null;
        }
        int i = index % pageSize;
        return i < page.size() ? page.get(i) : null;
    }

    int cachedPages() {
        return pages.size();
    }

    private void fill(TableItem item, int index) {
        CallRecord r = record(index);
        item.setText(r == null ? new String[] { "…" } : Rows.cells(r));
        item.setData(r);
    }

    private void load(int page) {
        if (fetch == null || !loading.add(page)) {
            return;
        }
        long asked = generation;
        Fetch f = fetch;
        ServerCall<SearchResult> call = () -> f.page(page * pageSize, pageSize);
        ServerWork.run(table, "Loading call records " + (page * pageSize + 1) + "–" + ((page + 1) * pageSize), call,
                result -> {
                    loading.remove(page);
                    if (asked != generation) {
                        return;
                    }
                    pages.put(page, result.records());
                    int from = page * pageSize;
                    int to = Math.min(table.getItemCount(), from + result.records().size()) - 1;
                    if (to >= from) {
                        table.clear(from, to);
                    }
                }, e -> {
                    loading.remove(page);
                    failed.accept(e);
                });
    }
}
