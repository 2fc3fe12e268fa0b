package io.switchboard.console.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;

/** Text columns for the console's table viewers. */
final class Columns {

    private Columns() {
    }

    @SuppressWarnings("unchecked")
    static <T> void add(TableViewer viewer, String title, int width, Function<T, String> text) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.NONE);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((T) element);
            }
        });
    }
}
