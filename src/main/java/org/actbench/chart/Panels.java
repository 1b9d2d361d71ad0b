package org.actbench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Small multiples: several figures, each titled, in a grid that fills the area; e.g. one heatmap
 * per run, so that two runs are never shown as one. A single figure is painted as it is.
 */
public final class Panels implements Figure {
  private final String title;
  private List<Figure> figures;
  private String empty = "no data yet";

  public Panels(String title, List<? extends Figure> figures) {
    this.title = title;
    this.figures = List.copyOf(figures);
  }

  /** What it says while there are no panels (default "no data yet"). */
  public void setEmptyText(String text) {
    this.empty = text;
  }

  /** Replaces the panels. */
  public void set(List<? extends Figure> panels) {
    this.figures = List.copyOf(panels);
  }

  @Override
  public String title() {
    return title;
  }

  public List<Figure> figures() {
    return figures;
  }

  @Override
  public Panels snapshot() {
    List<Figure> copies = new ArrayList<>();
    figures.forEach(f -> copies.add(f.snapshot()));
    Panels copy = new Panels(title, copies);
    copy.empty = empty;
    return copy;
  }

  /** Columns of the grid: the count whose cells come nearest a 16 : 10 shape at their largest. */
  static int columns(int n, double width, double height) {
    int best = 1;
    double bestSize = -1;
    for (int cols = 1; cols <= n; cols++) {
      int rows = (n + cols - 1) / cols;
      double size = Math.min(width / cols / 1.6, height / rows);
      if (size > bestSize) {
        bestSize = size;
        best = cols;
      }
    }
    return best;
  }

  /**
   * Above several panels: their common title, clear of the panels' own (and of a window's buttons).
   */
  private static final double HEADER = 24;

  private double header() {
    return figures.size() > 1 ? HEADER : 0;
  }

  /** The cell of panel {@code i}: x, y, width, height. */
  private double[] cell(int i, double width, double height) {
    double top = header();
    int cols = columns(figures.size(), width, height - top);
    int rows = (figures.size() + cols - 1) / cols;
    double w = width / cols;
    double h = (height - top) / rows;
    return new double[] {(i % cols) * w, top + (i / cols) * h, w, h};
  }

  @Override
  public void paint(Surface s, double width, double height) {
    s.color(0xFFFFFFFF);
    s.fillRect(0, 0, width, height);
    if (figures.isEmpty()) {
      s.color(0xFF888888);
      s.text(empty, width / 2, height / 2, 12, 0, false);
      return;
    }
    if (header() > 0) {
      s.color(0xFF222222);
      s.text(title + " (" + figures.size() + " panels)", 8, HEADER / 2 + 2, 13, -1, true);
    }
    for (int i = 0; i < figures.size(); i++) {
      double[] c = cell(i, width, height);
      figures.get(i).paint(new Shifted(s, c[0], c[1]), c[2], c[3]);
    }
  }

  @Override
  public String describe(double px, double py, double width, double height) {
    for (int i = 0; i < figures.size(); i++) {
      double[] c = cell(i, width, height);
      if (px >= c[0] && px < c[0] + c[2] && py >= c[1] && py < c[1] + c[3]) {
        String d = figures.get(i).describe(px - c[0], py - c[1], c[2], c[3]);
        return d.isEmpty() ? "" : figures.get(i).title() + ": " + d;
      }
    }
    return "";
  }

  /** A surface moved by (dx, dy), for painting a panel in its cell. */
  private record Shifted(Surface s, double dx, double dy) implements Surface {
    @Override
    public void color(int argb) {
      s.color(argb);
    }

    @Override
    public void lineWidth(double width) {
      s.lineWidth(width);
    }

    @Override
    public void dash(double... pattern) {
      s.dash(pattern);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
      s.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }

    private double[] shift(double[] v, int n, double d) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = v[i] + d;
      }
      return out;
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n) {
      s.polyline(shift(xs, n, dx), shift(ys, n, dy), n);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
      s.fillPolygon(shift(xs, n, dx), shift(ys, n, dy), n);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
      s.fillRect(x + dx, y + dy, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
      s.strokeRect(x + dx, y + dy, w, h);
    }

    @Override
    public void text(String t, double x, double y, double size, int align, boolean bold) {
      s.text(t, x + dx, y + dy, size, align, bold);
    }

    @Override
    public void verticalText(String t, double x, double y, double size) {
      s.verticalText(t, x + dx, y + dy, size);
    }

    @Override
    public double textWidth(String t, double size) {
      return s.textWidth(t, size);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      s.clip(x + dx, y + dy, w, h);
    }

    @Override
    public void unclip() {
      s.unclip();
    }
  }
}
