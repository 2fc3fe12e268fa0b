import java.lang.management.ManagementFactory;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The raw-library peer of the console's start in {@code releng/bench-console.sh}: a bare SWT window
 * with a three-column table, reporting as the console does when its event loop first runs.
 */
public final class SwtWindow {

    public static void main(String[] args) {
        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setText("SWT window");
        shell.setLayout(new FillLayout());
        Table table = new Table(shell, SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        for (String name : new String[] { "Name", "Address", "State" }) {
            new TableColumn(table, SWT.NONE).setText(name);
        }
        new TableItem(table, SWT.NONE).setText(new String[] { "local", "http://127.0.0.1:8080", "connected" });
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        shell.setSize(1000, 700);
        shell.open();
        display.asyncExec(() -> System.err.println("SWT window ready: the table answers "
                + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
                + " ms after the JVM started"));
        while (!shell.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        display.dispose();
    }
}
