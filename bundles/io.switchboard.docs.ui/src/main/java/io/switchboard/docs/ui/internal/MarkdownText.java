package io.switchboard.docs.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;

/**
 * A Markdown page as text and style ranges for a {@code StyledText}: headings in larger fonts,
 * code in the text font on a tint, links underlined with their target as the range's data,
 * lists with bullets, tables in aligned columns, and a placeholder character where a picture goes.
 */
final class MarkdownText extends AbstractVisitor {

    /** The fonts and colours a page is drawn with (the display's, not made here). */
    record Look(Font title, Font section, Font mono, Color tint, Color link) {
    }

    record Section(int level, String title, int offset, String anchor) {
    }

    /** A picture's place in the text (one placeholder character) and its path in docs/. */
    record Picture(int offset, String path) {
    }

    record Rendered(String text, List<StyleRange> styles, List<Section> sections, List<Picture> pictures) {
    }

    static final char PLACEHOLDER = '\uFFFC';
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final Look look;
    private final StringBuilder out = new StringBuilder();
    private final List<StyleRange> styles = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Picture> pictures = new ArrayList<>();
    private int fontStyle;
    private Font font;
    private boolean code;
    private String href;
    private String indent = "";
    private boolean tight;

    private MarkdownText(Look look) {
        this.look = look;
    }

    static Rendered render(String markdown, Look look) {
        MarkdownText r = new MarkdownText(look);
        PARSER.parse(markdown).accept(r);
        return new Rendered(r.out.toString().stripTrailing(), r.styles, r.sections, r.pictures);
    }

    /** GitHub's anchor of a heading: lower case, spaces to hyphens, other punctuation dropped. */
    static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Override
    public void visit(Heading heading) {
        blank();
        int start = out.length();
        Font before = font;
        int styleBefore = fontStyle;
        font = heading.getLevel() == 1 ? look.title() : heading.getLevel() == 2 ? look.section() : null;
        fontStyle = SWT.BOLD;
        visitChildren(heading);
        font = before;
        fontStyle = styleBefore;
        String title = out.substring(start);
        sections.add(new Section(heading.getLevel(), title, start, anchor(title)));
        blank();
    }

    @Override
    public void visit(Paragraph paragraph) {
        visitChildren(paragraph);
        if (tight) {
            line();
        } else {
            blank();
        }
    }

    @Override
    public void visit(BulletList list) {
        items(list, null);
    }

    @Override
    public void visit(OrderedList list) {
        items(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
    }

    private void items(ListBlock list, Integer number) {
        boolean tightBefore = tight;
        String indentBefore = indent;
        tight = list.isTight();
        int n = number == null ? 0 : number;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            line();
            String marker = number == null ? "•  " : (n++) + ".  ";
            out.append(indentBefore).append(marker);
            indent = indentBefore + " ".repeat(marker.length());
            visitChildren(item);
            indent = indentBefore;
        }
        tight = tightBefore;
        if (tight) {
            line();
        } else {
            blank();
        }
        if (indentBefore.isEmpty()) {
            blank();
        }
    }

    @Override
    public void visit(FencedCodeBlock block) {
        codeBlock(block.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock block) {
        codeBlock(block.getLiteral());
    }

    private void codeBlock(String literal) {
        line();
        code = true;
        for (String l : literal.stripTrailing().split("\n", -1)) {
            out.append(indent);
            text(" " + l + " ");
            out.append('\n');
        }
        code = false;
        blank();
    }

    @Override
    public void visit(BlockQuote quote) {
        int before = fontStyle;
        fontStyle |= SWT.ITALIC;
        visitChildren(quote);
        fontStyle = before;
    }

    @Override
    public void visit(ThematicBreak rule) {
        blank();
        out.append("────────────────────────────────");
        blank();
    }

    @Override
    public void visit(Text text) {
        text(text.getLiteral());
    }

    @Override
    public void visit(Code inline) {
        code = true;
        text(inline.getLiteral());
        code = false;
    }

    @Override
    public void visit(Emphasis emphasis) {
        styled(emphasis, SWT.ITALIC);
    }

    @Override
    public void visit(StrongEmphasis strong) {
        styled(strong, SWT.BOLD);
    }

    private void styled(Node node, int style) {
        int before = fontStyle;
        fontStyle |= style;
        visitChildren(node);
        fontStyle = before;
    }

    @Override
    public void visit(Link link) {
        href = link.getDestination();
        visitChildren(link);
        href = null;
    }

    @Override
    public void visit(Image image) {
        pictures.add(new Picture(out.length(), image.getDestination()));
        out.append(PLACEHOLDER);
    }

    @Override
    public void visit(SoftLineBreak lineBreak) {
        text(" ");
    }

    @Override
    public void visit(HardLineBreak lineBreak) {
        out.append('\n').append(indent);
    }

    @Override
    public void visit(CustomBlock block) {
        if (block instanceof TableBlock table) {
            table(table);
        } else {
            visitChildren(block);
        }
    }

    /** A table in aligned columns of the text font, its head in bold. */
    private void table(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> head = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(plain((TableCell) cell));
                }
                rows.add(cells);
                head.add(part instanceof TableHead);
            }
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], Math.min(r.get(i).length(), 60));
            }
        });
        blank();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.get(r).size(); i++) {
                line.append(String.format("%-" + width[i] + "s   ", rows.get(r).get(i)));
            }
            int before = fontStyle;
            fontStyle = head.get(r) ? SWT.BOLD : SWT.NORMAL;
            Font fontBefore = font;
            font = look.mono();
            text(line.toString().stripTrailing());
            font = fontBefore;
            fontStyle = before;
            out.append('\n');
        }
        blank();
    }

    private static String plain(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code inline) {
                s.append(inline.getLiteral());
            }
        });
        return s.toString();
    }

    private void text(String s) {
        if (s.isEmpty()) {
            return;
        }
        int start = out.length();
        out.append(s);
        if (fontStyle == SWT.NORMAL && font == null && !code && href == null) {
            return;
        }
        StyleRange r = new StyleRange();
        r.start = start;
        r.length = s.length();
        r.fontStyle = fontStyle;
        r.font = code ? look.mono() : font;
        if (code) {
            r.background = look.tint();
        }
        if (href != null) {
            r.underline = true;
            r.foreground = look.link();
            r.data = href;
        }
        styles.add(r);
    }

    private void line() {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void blank() {
        line();
        if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }
}
