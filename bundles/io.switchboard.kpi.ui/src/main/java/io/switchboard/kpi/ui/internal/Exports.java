package io.switchboard.kpi.ui.internal;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Document;

/**
 * A tile or a whole dashboard as PNG (Java 2D) or SVG (Batik's generator), drawn by the same code that draws
 * the screen. A dashboard is laid out as on screen: two tiles a row, each with its title.
 */
final class Exports {

    static final int TILE_WIDTH = 640;
    static final int TILE_HEIGHT = 360;
    private static final int TITLE = 24;

    private Exports() {
    }

    static void write(List<Tile> tiles, String heading, Path file, String format) throws IOException {
        int columns = tiles.size() == 1 ? 1 : 2;
        int rows = (tiles.size() + columns - 1) / columns;
        int top = heading == null ? 0 : 36;
        int width = columns * TILE_WIDTH;
        int height = top + rows * (TILE_HEIGHT + TITLE);
        if (format.equals("svg")) {
            SVGGraphics2D g = new SVGGraphics2D(svgDocument());
            g.setSVGCanvasSize(new Dimension(width, height));
            paint(g, tiles, heading, width, height, top, columns);
            try (Writer out = Files.newBufferedWriter(file)) {
                g.stream(out, true);
            }
        } else {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            paint(g, tiles, heading, width, height, top, columns);
            g.dispose();
            ImageIO.write(img, "png", file.toFile());
        }
    }

    /** The JDK's own DOM: Batik's generator writes into any. */
    private static Document svgDocument() throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IOException("No XML document builder for SVG: " + e.getMessage(), e);
        }
    }

    private static void paint(Graphics2D g, List<Tile> tiles, String heading, int width, int height, int top,
            int columns) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (heading != null) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, 8, 24);
        }
        for (int i = 0; i < tiles.size(); i++) {
            double x = (i % columns) * TILE_WIDTH;
            double y = top + (i / columns) * (TILE_HEIGHT + TITLE);
            Tile t = tiles.get(i);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(t.widget.title() == null ? t.widget.type() : t.widget.title(), (float) x + 8,
                    (float) y + 17);
            t.draw(g, new Rectangle2D.Double(x + 4, y + TITLE, TILE_WIDTH - 8, TILE_HEIGHT - 4));
        }
    }
}
