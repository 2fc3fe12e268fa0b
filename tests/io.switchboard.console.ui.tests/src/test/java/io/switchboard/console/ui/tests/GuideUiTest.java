package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Help, Admin Guide in the real console: the guide of docs/ opens, a word narrows its contents to
 * the sections that hold it, a section opens at the word, and a link leads to another page.
 */
class GuideUiTest {

    private final ConsoleDriver console = new ConsoleDriver();
    private final Path docs = Path.of(System.getProperty("switchboard.docs.images")).getParent();

    @Test
    void theAdminGuideOpensFindsAWordAndFollowsALink(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.runCommand("io.switchboard.docs.ui.command.guide");
            Tree contents = console.find(window, "guide.contents", Tree.class);
            StyledText text = console.find(window, "guide.text", StyledText.class);
            assertEquals(title("admin-guide.md"), ConsoleDriver.await("the contents", () -> console.ui(() ->
                    contents.getItemCount() > 0 ? contents.getItem(0).getText() : null)), "the admin guide comes first");
            int pages = console.ui(contents::getItemCount);
            assertEquals(Files.list(docs).filter(f -> f.toString().endsWith(".md")).count(), pages, "every page of docs/");
            console.ui(() -> { // the guide may be open at another page already (F1 in another view)
                Event e = new Event();
                e.item = contents.getItem(0);
                contents.notifyListeners(SWT.Selection, e);
                return null;
            });
            assertTrue(console.ui(text::getText).startsWith(title("admin-guide.md")));
            console.tour("guide");

            console.type(window, "guide.filter", "rollback");
            TreeItem rollback = ConsoleDriver.await("a section about rollback", () -> console.ui(() -> {
                List<TreeItem> all = new ArrayList<>();
                collect(contents.getItems(), all);
                return all.stream().filter(i -> i.getText().toLowerCase().contains("rollback")).findFirst().orElse(null);
            }));
            assertTrue(console.ui(contents::getItemCount) < pages, "only the pages that speak of it");
            console.ui(() -> {
                Event e = new Event();
                e.item = rollback;
                contents.notifyListeners(SWT.Selection, e);
                return null;
            });
            assertEquals("rollback", console.ui(() -> text.getSelectionText().toLowerCase()));

            console.type(window, "guide.filter", "");
            String target = console.ui(() -> {
                for (StyleRange r : text.getStyleRanges()) {
                    if ("cdr.md".equals(r.data)) {
                        Point at = text.getLocationAtOffset(r.start + 1);
                        text.setTopIndex(text.getLineAtOffset(r.start));
                        Point now = text.getLocationAtOffset(r.start + 1);
                        Event click = new Event();
                        click.button = 1;
                        click.x = now.x;
                        click.y = now.y + 2;
                        text.notifyListeners(SWT.MouseUp, click);
                        return at != null ? (String) r.data : null;
                    }
                }
                return null;
            });
            assertEquals("cdr.md", target, "the admin guide links to the call records page");
            String cdrTitle = title("cdr.md");
            ConsoleDriver.await("the call records page", () -> console.ui(() ->
                    text.getText().startsWith(cdrTitle) ? Boolean.TRUE : null));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    private String title(String page) throws Exception {
        return Files.readAllLines(docs.resolve(page)).stream().filter(l -> l.startsWith("# ")).findFirst()
                .orElseThrow().substring(2).trim();
    }

    private static void collect(TreeItem[] items, List<TreeItem> into) {
        for (TreeItem item : items) {
            into.add(item);
            collect(item.getItems(), into);
        }
    }
}
