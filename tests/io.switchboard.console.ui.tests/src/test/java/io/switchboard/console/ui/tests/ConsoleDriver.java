package io.switchboard.console.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ServerCall;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Drives the real console as SWTBot would: finds widgets by the ids the console sets on them,
 * types and clicks through their listeners, opens parts through the workbench's part service,
 * and takes screenshots of the window (for failures and for the console tour in docs/).
 */
final class ConsoleDriver {

    static final String WIDGET_ID = "io.switchboard.console.ui.widgetId";
    private static final System.Logger LOG = System.getLogger(ConsoleDriver.class.getName());

    final Display display = Display.getDefault();

    Shell window() throws InterruptedException {
        return shell("Switchboard Console");
    }

    /** Waits for a visible shell with this title. */
    Shell shell(String title) throws InterruptedException {
        return await("the window '" + title + "'", () -> ui(() -> Arrays.stream(display.getShells())
                .filter(s -> s.isVisible() && title.equals(s.getText())).findFirst().orElse(null)));
    }

    /** Adds a server through the Add Server dialog, as an admin would; the console connects at once. */
    void addServer(String name, String url, String password) throws InterruptedException {
        Shell window = window();
        showPart("io.switchboard.console.ui.part.overview"); // Provisioning in front, whatever the last test left

        clickToolItem("io.switchboard.console.ui.toolitem.addServer");
        Shell dialog = shell("Add Server");
        find(dialog, "server.password", Text.class);
        ui(() -> {
            byId(dialog, "server.name", Text.class).setText(name);
            byId(dialog, "server.url", Text.class).setText(url);
            byId(dialog, "server.user", Text.class).setText("admin");
            byId(dialog, "server.password", Text.class).setText(password);
            return null;
        });
        click(ui(() -> button(dialog, "OK")));
    }

    /** The tool item of the model with this id, once rendered. */
    ToolItem toolItem(String elementId) throws InterruptedException {
        return await("tool item " + elementId, () -> ui(() -> {
            var models = mainWindow().getContext().get(EModelService.class);
            var found = models.findElements(mainWindow(), elementId,
                    MToolItem.class, null,
                    EModelService.ANYWHERE
                            | EModelService.IN_PART);
            return found.isEmpty() || !(found.get(0).getWidget() instanceof ToolItem item)
                    || item.isDisposed() ? null : item;
        }));
    }

    /** Clicks a tool item as SWT delivers it, once enabled; async, since it may open a dialog. */
    void clickToolItem(String elementId) throws InterruptedException {
        ToolItem item = toolItem(elementId);
        await(elementId + " to be enabled", () -> ui(() -> item.isEnabled() ? item : null));
        display.asyncExec(() -> item.notifyListeners(SWT.Selection, new Event()));
    }

    /**
     * Waits for the navigator's tree item at this path of names ("lab", "Users", "alice"), opening
     * the nodes on the way as a click on their arrows would; a name matches the start of the item's.
     */
    TreeItem navigatorItem(String... path) throws InterruptedException {
        Tree tree = find(window(), "servers.tree", Tree.class);
        TreeItem at = null;
        for (String name : path) {
            TreeItem parent = at;
            if (parent != null) {
                ui(() -> {
                    if (!parent.getExpanded()) {
                        Event e = new Event();
                        e.item = parent;
                        tree.notifyListeners(SWT.Expand, e);
                        parent.setExpanded(true);
                    }
                    return null;
                });
            }
            at = await("'" + name + "' in the navigator", () -> ui(() -> Arrays
                    .stream(parent == null ? tree.getItems() : parent.getItems())
                    .filter(i -> i.getText(0).startsWith(name)).findFirst().orElse(null)));
        }
        return at;
    }

    /** Selects a navigator item and opens it as a double-click does; async, since it may open a dialog. */
    void openNavigatorItem(TreeItem item) {
        selectNavigatorItem(item);
        display.asyncExec(() -> {
            Event e = new Event();
            e.item = item;
            item.getParent().notifyListeners(SWT.DefaultSelection, e);
        });
    }

    /** Selects a navigator item as a click does. */
    void selectNavigatorItem(TreeItem item) {
        ui(() -> {
            item.getParent().setSelection(item);
            Event e = new Event();
            e.item = item;
            item.getParent().notifyListeners(SWT.Selection, e);
            return null;
        });
    }

    /** Brings a part of the model to the front (rendering it if it was not yet). */
    void showPart(String partId) {
        ui(() -> {
            // as the areas do: the shell switches to the perspective holding it
            mainWindow().getContext().get(IEventBroker.class)
                    .send(ConsoleEvents.SHOW_VIEW, partId);
            MPart shown = parts().findPart(partId);
            if (shown == null) {
                throw new AssertionError("No view " + partId + " in any perspective");
            }
            return parts().showPart(shown, PartState.ACTIVATE);
        });
    }

    /** The element id of the perspective in front. */
    String perspective() {
        return ui(() -> mainWindow().getContext().get(EModelService.class)
                .getActivePerspective(mainWindow()).getElementId());
    }

    /** Runs a command of the model as its menu item or key binding would. */
    void runCommand(String id) {
        ui(() -> {
            IEclipseContext context = mainWindow().getContext();
            EHandlerService handlers = context
                    .get(EHandlerService.class);
            handlers.executeHandler(context.get(ECommandService.class).createCommand(id,
                    null));
            return null;
        });
    }

    /** Runs a command without waiting for it: one that opens a dialog returns when the dialog closes. */
    void runCommandLater(String id) {
        display.asyncExec(() -> {
            IEclipseContext context = mainWindow().getContext();
            context.get(EHandlerService.class).executeHandler(context
                    .get(ECommandService.class).createCommand(id, null));
        });
    }

    /** Maximizes or restores the stack of a part, as a double-click on its tab does. */
    void maximize(String partId, boolean max) {
        ui(() -> {
            var stack = stackOf(partId);
            if (max) {
                stack.getTags().add(IPresentationEngine.MAXIMIZED);
            } else {
                stack.getTags().remove(IPresentationEngine.MAXIMIZED);
            }
            return null;
        });
    }

    /** The stack a part sits in: a shared part's (the navigator, the softphone) is its place's in this perspective. */
    private static MElementContainer<?> stackOf(String partId) {
        MPart part = parts().findPart(partId);
        return part.getCurSharedRef() != null ? part.getCurSharedRef().getParent() : part.getParent();
    }

    /** The tags of the stack a part sits in (MAXIMIZED, MINIMIZED), as the model has them now. */
    List<String> stackTags(String partId) {
        return ui(() -> new ArrayList<>(stackOf(partId).getTags()));
    }

    /** The shell a rendered part is shown in: the main window's, or a window of its own once detached. */
    Shell partShell(String partId) {
        return ui(() -> parts().findPart(partId).getWidget() instanceof Control c
                ? c.getShell() : null);
    }

    /** Puts a detached part back into a stack of the main window and closes the window it had. */
    void reattach(String partId, String stackId) {
        ui(() -> {
            var part = parts().findPart(partId);
            var models = mainWindow().getContext().get(EModelService.class);
            var own = models.getTopLevelWindowFor(part);
            if (own == mainWindow()) {
                return null;
            }
            var stack = (MPartStack) models.find(stackId, mainWindow());
            stack.getChildren().add(part);
            stack.setSelectedElement(part);
            own.setToBeRendered(false);
            mainWindow().getWindows().remove(own);
            return null;
        });
    }

    /** On the UI thread: the widget a rendered part is drawn in. */
    Object partObjectWidget(String partId) {
        return parts().findPart(partId).getWidget();
    }

    /** On the UI thread: the object behind a rendered part. */
    Object partObject(String partId) {
        return parts().findPart(partId).getObject();
    }

    /** The shell's selected-server service, as area bundles get it. */
    static SelectedServer selectedServer() {
        BundleContext context = FrameworkUtil.getBundle(ConsoleDriver.class).getBundleContext();
        ServiceReference<IWorkbench> ref = context.getServiceReference(IWorkbench.class);
        return context.getService(ref).getApplication().getContext().get(SelectedServer.class);
    }

    private static EPartService parts() {
        return mainWindow().getContext().get(EPartService.class);
    }

    /** The main window's part service; on the UI thread. */
    static EPartService partService() {
        return parts();
    }

    private static MWindow mainWindow() {
        BundleContext context = FrameworkUtil.getBundle(ConsoleDriver.class).getBundleContext();
        ServiceReference<IWorkbench> ref = context.getServiceReference(IWorkbench.class);
        return context.getService(ref).getApplication().getChildren().get(0);
    }

    <T> T ui(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    /** Types into a text field as the admin would: the field's modify listeners run. */
    void type(Composite root, String id, String text) throws InterruptedException {
        Text field = find(root, id, Text.class);
        ui(() -> {
            field.setText(text);
            return null;
        });
    }

    /** A click as SWT delivers it; async, since a click may open a modal dialog. */
    void click(Button button) {
        display.asyncExec(() -> {
            if (!button.isDisposed()) {
                if ((button.getStyle() & SWT.CHECK) != 0) {
                    button.setSelection(!button.getSelection());
                }
                button.notifyListeners(SWT.Selection, new Event());
            }
        });
    }

    void click(Composite root, String id) throws InterruptedException {
        click(find(root, id, Button.class));
    }

    /** Selects a table row as a click would: the table's viewer hears of it. */
    void select(Table table, int row) {
        ui(() -> {
            table.setSelection(row);
            Event e = new Event();
            e.item = table.getItem(row);
            table.notifyListeners(SWT.Selection, e);
            return null;
        });
    }

    /** Waits for a row of the table whose cell in the column is as wanted. @return its index */
    int awaitRow(String what, Table table, int column, Predicate<String> wanted)
            throws InterruptedException {
        return await(what, () -> ui(() -> {
            for (int i = 0; i < table.getItemCount(); i++) {
                if (wanted.test(table.getItem(i).getText(column))) {
                    return i;
                }
            }
            return null;
        }));
    }

    /**
     * Searches the call records for the query until a record is found, each second: a call is indexed a
     * moment after it is stored. Returns only when no search is in flight, so no later answer replaces
     * the table or the status line under what the test does next. @return the first row
     */
    TableItem awaitRecord(Shell window, String q) throws InterruptedException {
        Combo query = find(window, "cdr.query", Combo.class);
        Table results = find(window, "cdr.results", Table.class);
        Label status = find(window, "cdr.status", Label.class);
        int[] probes = { 0 };
        boolean[] asked = { false };
        return await("a call record for " + q, () -> ui(() -> {
            if (status.getText().startsWith("Searching")) {
                return null;
            }
            if (asked[0] && results.getItemCount() > 0 && results.getItem(0).getData() != null) {
                return results.getItem(0);
            }
            if (probes[0]++ % 10 == 0) {
                query.setText(q);
                byId(window, "cdr.search", Button.class).notifyListeners(SWT.Selection, new Event());
                asked[0] = true;
            }
            return null;
        }));
    }

    /** Presses the dialog button with this label in the shell. */
    void press(Shell shell, String label) throws InterruptedException {
        click(await("button " + label, () -> ui(() -> button(shell, label))));
    }

    <T extends Control> T find(Composite root, String id, Class<T> type) throws InterruptedException {
        return await("widget " + id, () -> ui(() -> search(root, c -> id.equals(c.getData(WIDGET_ID)), type)));
    }

    /** Waits until the label or text field with this id says something {@code wanted} accepts; returns it. */
    String awaitText(Composite root, String id, Predicate<String> wanted) throws InterruptedException {
        Control control = find(root, id, Control.class);
        AtomicReference<String> last = new AtomicReference<>();
        try {
            return await(id + " to say what is wanted", () -> {
                String t = ui(() -> control instanceof Text text ? text.getText() : ((Label) control).getText());
                last.set(t);
                return wanted.test(t) ? t : null;
            });
        } catch (AssertionError e) {
            // a dialog still open, or an error the work left, says why the text never came
            String windows = ui(() -> String.join("; ", Arrays.stream(control.getDisplay().getShells())
                    .filter(Shell::isVisible).map(w -> "'" + w.getText() + "'"
                            + (w == control.getShell() ? "" : ": " + texts(w).strip().replace('\n', ' ')))
                    .toList()));
            throw new AssertionError(e.getMessage() + "; it said '" + last.get() + "'; windows open: " + windows, e);
        }
    }

    /** On the UI thread: the widget with this id, which must be there. */
    static <T extends Control> T byId(Composite root, String id, Class<T> type) {
        T found = search(root, c -> id.equals(c.getData(WIDGET_ID)), type);
        if (found == null) {
            throw new AssertionError("No widget " + id);
        }
        return found;
    }

    /** On the UI thread: the first widget of this kind under the root (a dialog's one text field). */
    static <T extends Control> T byClass(Composite root, Class<T> type) {
        return search(root, type::isInstance, type);
    }

    static Button button(Composite root, String label) {
        return search(root, c -> c instanceof Button b && label.equals(b.getText().replace("&", "")), Button.class);
    }

    /** @return every label's and text field's text under root (a dialog's message), one a line; on the UI thread */
    static String texts(Composite root) {
        StringBuilder out = new StringBuilder();
        for (Control c : root.getChildren()) {
            if (c instanceof Label l) {
                out.append(l.getText()).append('\n');
            } else if (c instanceof Text t) {
                out.append(t.getText()).append('\n');
            } else if (c instanceof Composite composite) {
                out.append(texts(composite));
            }
        }
        return out.toString();
    }

    private static <T extends Control> T search(Composite root, Predicate<Control> match, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && match.test(c)) {
                return type.cast(c);
            }
            if (c instanceof Composite composite) {
                T found = search(composite, match, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(60).toMillis();
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) { // a condition waits until true, not only until asked
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    /** @return the server's answer, or null while it cannot give one yet (for {@link #await}) */
    static <T> T answer(ServerCall<T> call) {
        try {
            return call.call();
        } catch (ManagementException starting) {
            return null;
        }
    }

    /** Saves the whole screen to target/screenshots, for a failed test. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));
        save(dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + ".png"), null);
    }

    /**
     * Saves the console window as a picture of the tour in docs/images, after letting pending
     * refreshes paint; only when asked (-Dswitchboard.docs.screenshots=true), so that a run of the
     * tests leaves the checkout as it found it.
     */
    void tour(String name) throws InterruptedException {
        tour(name, window());
    }

    /** Saves one shell (a dialog) as a picture of the tour, as {@link #tour(String)} saves the window. */
    void tour(String name, Shell window) throws InterruptedException {
        String docs = System.getProperty("switchboard.docs.images");
        if (docs == null || !Boolean.getBoolean("switchboard.docs.screenshots")) {
            return;
        }
        Thread.sleep(500);
        ui(() -> {
            while (display.readAndDispatch()) {
                // paint what is pending
            }
            return null;
        });
        save(Path.of(docs).resolve("console-" + name + ".png"), window);
    }

    private void save(Path file, Shell shell) {
        try {
            Files.createDirectories(file.getParent());
            display.syncExec(() -> {
                Rectangle bounds = shell == null ? display.getBounds() : shell.getBounds();
                Image image = new Image(display, bounds.width, bounds.height);
                GC gc = new GC(display);
                gc.copyArea(image, bounds.x, bounds.y);
                gc.dispose();
                ImageData data = image.getImageData();
                image.dispose();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { data };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            });
            LOG.log(System.Logger.Level.INFO, "Screenshot: " + file);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "No screenshot of " + file, e);
        }
    }
}
