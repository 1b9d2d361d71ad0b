package org.actbench.chart;

import java.util.List;

/**
 * A note pinned to a point of a figure: a dot at the point, a leader line and a boxed text beside
 * it, kept inside the figure. The point is in the figure's own coordinates ({@link Figure#pixelOf}:
 * a line chart's steps and values, so the note stays with its point when the view zooms); drawing
 * goes through a {@link Surface}, so the window, PNG, SVG and PDF show the same note. Lessons and
 * run annotations both draw with it.
 *
 * @param x the point's x in the figure's coordinates
 * @param y the point's y in the figure's coordinates
 * @param text one or more lines ({@code \n})
 */
public record Callout(double x, double y, String text) {
  static final double FONT = 12;
  private static final int INK = 0xFF222222;
  private static final int EDGE = 0xFF8A6D00;
  private static final int FILL = 0xF2FFF6D5; // a pale yellow, as a sticky note
  private static final double PAD = 5;
  private static final double LINE = FONT + 3;
  private static final double REACH = 26; // from the point to the box, on each axis

  public Callout {
    text = text == null ? "" : text.strip();
  }

  /** Draws this callout on {@code figure}'s surface of {@code width} × {@code height}. */
  public void paint(Surface s, Figure figure, double width, double height) {
    double[] p = figure.pixelOf(x, y, width, height);
    if (p != null && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
      paintAt(s, p[0], p[1], text, width, height);
    }
  }

  /**
   * Draws a callout pointing at the pixel (px, py): the box above and to the right of it, or where
   * it fits (left, below) on a surface of {@code width} × {@code height}.
   */
  public static void paintAt(
      Surface s, double px, double py, String text, double width, double height) {
    List<String> lines = text.lines().toList();
    double w = 0;
    for (String l : lines) {
      w = Math.max(w, s.textWidth(l, FONT));
    }
    double boxW = w + 2 * PAD;
    double boxH = LINE * Math.max(1, lines.size()) + 2 * PAD - 3;
    double bx = px + REACH + boxW <= width - 2 ? px + REACH : px - REACH - boxW;
    double by = py - REACH - boxH >= 2 ? py - REACH - boxH : py + REACH;
    bx = Math.max(2, Math.min(bx, width - boxW - 2));
    by = Math.max(2, Math.min(by, height - boxH - 2));
    // the leader runs from the point to the box's nearest corner
    double cx = bx > px ? bx : bx + boxW;
    double cy = by > py ? by : by + boxH;
    s.dash();
    s.lineWidth(1.4);
    s.color(EDGE);
    s.line(px, py, cx, cy);
    s.color(0xFFFFFFFF);
    s.fillRect(px - 4.5, py - 4.5, 9, 9);
    s.color(EDGE);
    s.fillRect(px - 3, py - 3, 6, 6);
    s.color(FILL);
    s.fillRect(bx, by, boxW, boxH);
    s.color(EDGE);
    s.strokeRect(bx, by, boxW, boxH);
    s.lineWidth(1);
    s.color(INK);
    for (int i = 0; i < lines.size(); i++) {
      s.text(lines.get(i), bx + PAD, by + PAD + LINE * i + LINE / 2 - 1, FONT, -1, false);
    }
  }
}
