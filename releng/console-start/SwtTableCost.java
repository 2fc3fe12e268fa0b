import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * What a GTK virtual table costs for its length alone (docs/benchmarks.md, issue 20): why the
 * console's call record table holds a window of the result rather than all of it.
 */
public final class SwtTableCost {

    public static void main(String[] args) {
        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        Table table = new Table(shell, SWT.VIRTUAL | SWT.FULL_SELECTION);
        for (int i = 0; i < 10; i++) {
            new TableColumn(table, SWT.NONE).setWidth(80);
        }
        table.addListener(SWT.SetData, e -> ((TableItem) e.item).setText(0, "row " + e.index));
        shell.setSize(800, 600);
        shell.open();
        time("setItemCount 0 -> 1,000,000", () -> table.setItemCount(1_000_000));
        time("removeAll of 1,000,000", table::removeAll);
        table.setItemCount(1_000_000);
        time("setItemCount 1,000,000 -> 990,000", () -> table.setItemCount(990_000));
        time("setItemCount 990,000 -> 5,000,000", () -> table.setItemCount(5_000_000));
        display.dispose();
    }

    private static void time(String what, Runnable work) {
        long started = System.nanoTime();
        work.run();
        System.out.printf("%-40s %,8d ms%n", what, (System.nanoTime() - started) / 1_000_000);
    }
}
