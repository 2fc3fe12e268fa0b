package io.switchboard.console.ui.widgets;

import java.util.Comparator;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TableColumn;

/** Text columns for the console's table viewers; a click on a header sorts by that column. */
public final class Columns {

    private Columns() {
    }

    /**
     * A table viewer of a list, filling its cell of a grid layout, with headers and an id.
     *
     * @param style what the table adds to a bordered full-row selection (SWT.SINGLE, SWT.MULTI, ...)
     */
    public static TableViewer viewer(Composite parent, String id, int style) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | style);
        Widgets.id(viewer.getTable(), id);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getTable());
        return viewer;
    }

    /** Adds a column that shows {@code text} of each row and sorts by it, text-wise. */
    @SuppressWarnings("unchecked")
    public static <T> TableViewerColumn add(TableViewer viewer, String title, int width, Function<T, String> text) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.NONE);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.getColumn().setMoveable(true);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String s = text.apply((T) element);
                return s == null ? "" : s;
            }
        });
        if ((viewer.getTable().getStyle() & SWT.VIRTUAL) == 0) {
            Comparator<Object> order = Comparator.comparing(e -> {
                String s = text.apply((T) e);
                return s == null ? "" : s;
            }, Columns::compareNatural);
            col.getColumn().addListener(SWT.Selection, e -> sortBy(viewer, col.getColumn(), order));
        }
        return col;
    }

    private static void sortBy(TableViewer viewer, TableColumn column, Comparator<Object> order) {
        boolean up = viewer.getTable().getSortColumn() != column || viewer.getTable().getSortDirection() != SWT.UP;
        viewer.getTable().setSortColumn(column);
        viewer.getTable().setSortDirection(up ? SWT.UP : SWT.DOWN);
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                return up ? order.compare(a, b) : order.compare(b, a);
            }
        });
    }

    /** Numbers as numbers ("9" before "10"), everything else case-blind. */
    static int compareNatural(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareToIgnoreCase(b);
        }
    }
}
