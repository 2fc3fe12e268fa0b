package io.switchboard.docs.ui.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.PaintObjectEvent;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GlyphMetrics;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.docs.ui.internal.MarkdownText.Rendered;
import io.switchboard.docs.ui.internal.MarkdownText.Section;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The admin guide inside the console: its pages and their sections on the left, narrowed to those
 * that hold every word of the search field; the page on the right with its pictures; links between
 * pages followed in place, links to the web opened in the browser.
 */
public class GuidePart {

    private static final int PICTURE_WIDTH = 900;

    /** A page, or a section of it, as the contents tree offers it. */
    record Target(Guide.Page page, Section section) {
    }

    private final Map<Guide.Page, Rendered> rendered = new LinkedHashMap<>();
    private final Map<String, Image> pictures = new HashMap<>();
    private Text filter;
    private Tree contents;
    private StyledText text;
    private Guide.Page shown;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(left);
        filter = Widgets.id(new Text(left, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "guide.filter");
        filter.setMessage("Find in the guide");
        Widgets.fillWidth(filter);
        filter.addListener(SWT.Modify, e -> fillContents());
        contents = Widgets.id(new Tree(left, SWT.SINGLE | SWT.BORDER), "guide.contents");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(contents);
        contents.addListener(SWT.Selection, e -> {
            if (e.item.getData() instanceof Target t) {
                open(t.page(), t.section());
            }
        });
        text = Widgets.id(new StyledText(sash, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL), "guide.text");
        text.setMargins(16, 12, 16, 12);
        text.addPaintObjectListener(this::paintPicture);
        text.addListener(SWT.MouseUp, this::follow);
        text.addListener(SWT.MouseMove, e -> text.setCursor(link(e) != null
                ? text.getDisplay().getSystemCursor(SWT.CURSOR_HAND) : null));
        sash.setWeights(24, 76);

        MarkdownText.Look look = new MarkdownText.Look(JFaceResources.getHeaderFont(), JFaceResources.getBannerFont(),
                JFaceResources.getTextFont(), new Color(238, 238, 238),
                parent.getDisplay().getSystemColor(SWT.COLOR_LINK_FOREGROUND));
        for (Guide.Page page : Guide.pages()) {
            rendered.put(page, MarkdownText.render(page.markdown(), look));
        }
        fillContents();
        rendered.keySet().stream().findFirst().ifPresent(page -> open(page, null));
    }

    /** The pages and sections that hold every word of the search field (all of them when it is empty). */
    private void fillContents() {
        List<String> words = Arrays.stream(filter.getText().toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        contents.setRedraw(false);
        contents.removeAll();
        rendered.forEach((page, r) -> {
            List<Section> sections = r.sections();
            List<TreeItem> levels = new ArrayList<>();
            TreeItem pageItem = null;
            for (int i = 0; i < sections.size(); i++) {
                Section s = sections.get(i);
                int end = i + 1 < sections.size() ? sections.get(i + 1).offset() : r.text().length();
                String body = r.text().substring(s.offset(), end).toLowerCase(Locale.ROOT);
                if (s.level() > 3 || !(words.isEmpty() || s.level() == 1 || words.stream().allMatch(body::contains))) {
                    continue;
                }
                if (pageItem == null) {
                    pageItem = new TreeItem(contents, SWT.NONE);
                    pageItem.setText(page.title());
                    pageItem.setData(new Target(page, null));
                    levels.add(pageItem);
                }
                if (s.level() > 1) {
                    TreeItem parent = levels.get(Math.min(levels.size(), s.level() - 1) - 1);
                    TreeItem item = new TreeItem(parent, SWT.NONE);
                    item.setText(s.title());
                    item.setData(new Target(page, s));
                    while (levels.size() >= s.level()) {
                        levels.remove(levels.size() - 1);
                    }
                    levels.add(item);
                }
            }
            if (pageItem != null && !words.isEmpty() && pageItem.getItemCount() == 0
                    && !words.stream().allMatch(r.text().toLowerCase(Locale.ROOT)::contains)) {
                pageItem.dispose();
            } else if (pageItem != null) {
                pageItem.setExpanded(!words.isEmpty() || page.equals(shown));
            }
        });
        contents.setRedraw(true);
    }

    /** Shows a page, at a section of it when one is given, with the first searched word selected. */
    void open(Guide.Page page, Section section) {
        Rendered r = rendered.get(page);
        if (!page.equals(shown)) {
            shown = page;
            text.setText(r.text());
            List<StyleRange> styles = new ArrayList<>(r.styles());
            for (MarkdownText.Picture p : r.pictures()) {
                Image image = picture(p.path());
                if (image != null) {
                    StyleRange glyph = new StyleRange();
                    glyph.start = p.offset();
                    glyph.length = 1;
                    glyph.data = image;
                    glyph.metrics = new GlyphMetrics(image.getBounds().height, 0, image.getBounds().width);
                    styles.add(glyph);
                }
            }
            styles.sort(Comparator.comparingInt(s -> s.start));
            text.setStyleRanges(styles.toArray(StyleRange[]::new));
        }
        int at = section == null ? 0 : section.offset();
        text.setTopIndex(text.getLineAtOffset(at));
        String word = filter.getText().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        int found = word.isEmpty() ? -1 : r.text().toLowerCase(Locale.ROOT).indexOf(word, at);
        if (found >= 0) {
            text.setSelection(found, found + word.length());
        }
    }

    /** Follows a link: another page of the guide (and its section), or a web address in the browser. */
    private void follow(Event e) {
        String href = e.button == 1 ? link(e) : null;
        if (href == null) {
            return;
        }
        if (href.startsWith("http://") || href.startsWith("https://")) {
            Program.launch(href);
            return;
        }
        show(href);
    }

    /**
     * Shows a page of the guide by its file name, at a section when the link names one
     * ({@code console.md#trunks}); a link to nothing in the guide leaves it as it is.
     */
    public void show(String href) {
        int hash = href.indexOf('#');
        String file = hash < 0 ? href : href.substring(0, hash);
        String anchor = hash < 0 ? null : href.substring(hash + 1);
        Guide.Page page = file.isEmpty() ? shown
                : rendered.keySet().stream().filter(p -> p.file().equals(file.substring(file.lastIndexOf('/') + 1)))
                        .findFirst().orElse(null);
        if (page != null) {
            open(page, rendered.get(page).sections().stream().filter(s -> s.anchor().equals(anchor)).findFirst()
                    .orElse(null));
        }
    }

    private String link(Event e) {
        int offset = text.getOffsetAtPoint(new Point(e.x, e.y));
        StyleRange r = offset < 0 ? null : text.getStyleRangeAtOffset(offset);
        return r != null && r.data instanceof String href ? href : null;
    }

    private void paintPicture(PaintObjectEvent e) {
        if (e.style.data instanceof Image image) {
            e.gc.drawImage(image, e.x, e.y + e.ascent - e.style.metrics.ascent);
        }
    }

    private Image picture(String path) {
        return pictures.computeIfAbsent(path, p -> {
            URL url = Guide.image(p);
            if (url == null) {
                return null;
            }
            ImageData data = ImageDescriptor.createFromURL(url).getImageData(100);
            if (data == null) {
                return null;
            }
            if (data.width > PICTURE_WIDTH) {
                data = data.scaledTo(PICTURE_WIDTH, data.height * PICTURE_WIDTH / data.width);
            }
            return new Image(text.getDisplay(), data);
        });
    }

    @PreDestroy
    public void dispose() {
        pictures.values().stream().filter(Objects::nonNull).forEach(Image::dispose);
    }
}
