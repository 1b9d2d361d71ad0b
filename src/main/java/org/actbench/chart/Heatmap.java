package org.actbench.chart;

import java.util.List;

/**
 * A matrix of values as coloured cells: rows (layers, true classes) by columns (steps, predicted
 * classes). Signed values use a diverging scale centred on zero (blue negative, red positive,
 * symmetric range), shares a sequential one. A colour bar gives the scale.
 */
public final class Heatmap implements Figure {
  private static final double LEFT = 70; // margins, shared by paint and the cursor read-out
  private static final double RIGHT = 70;
  private static final double TOP = 30;
  private static final double BOTTOM = 44;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean diverging;
  private List<String> rows = List.of();
  private List<String> columns = List.of();
  private double[][] values = new double[0][0];

  public Heatmap(String title, String xLabel, String yLabel, boolean diverging) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.diverging = diverging;
  }

  @Override
  public String title() {
    return title;
  }

  /** Replaces the data: {@code values[row][column]}, which the heatmap keeps and never changes. */
  public void set(List<String> rows, List<String> columns, double[][] values) {
    this.rows = List.copyOf(rows);
    this.columns = List.copyOf(columns);
    this.values = values;
  }

  @Override
  public Heatmap snapshot() {
    Heatmap copy = new Heatmap(title, xLabel, yLabel, diverging);
    copy.set(rows, columns, values);
    return copy;
  }

  /** The scale's extent: max |v| (diverging) or max v (sequential), at least a tiny positive. */
  double extent() {
    double m = 1e-12;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          m = Math.max(m, diverging ? Math.abs(v) : v);
        }
      }
    }
    return m;
  }

  @Override
  public void paint(Surface s, double width, double height) {
    double left = LEFT;
    double top = TOP;
    double pw = width - LEFT - RIGHT;
    double ph = height - TOP - BOTTOM;
    s.color(0xFFFFFFFF);
    s.fillRect(0, 0, width, height);
    s.color(0xFF222222);
    s.text(title, left, top / 2, 13, -1, true);
    s.text(xLabel, left + pw / 2, height - 12, 12, 0, false);
    s.verticalText(yLabel, 12, top + ph / 2, 12);
    int nr = rows.size();
    int nc = columns.size();
    if (nr == 0 || nc == 0) {
      s.text("no data yet", left + pw / 2, top + ph / 2, 12, 0, false);
      return;
    }
    double extent = extent();
    double cw = pw / nc;
    double rh = ph / nr;
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        double v = values[r][c];
        s.color(diverging ? Palette.diverging(v / extent) : Palette.sequential(v / extent));
        s.fillRect(left + c * cw, top + r * rh, Math.ceil(cw + 0.5), Math.ceil(rh + 0.5));
      }
    }
    s.color(0xFF222222);
    s.strokeRect(left, top, pw, ph);
    int every = Math.max(1, (int) Math.ceil(14 / rh));
    for (int r = 0; r < nr; r += every) {
      s.text(rows.get(r), left - 5, top + (r + 0.5) * rh, 11, 1, false);
    }
    int colEvery = Math.max(1, (int) Math.ceil(60 / cw));
    for (int c = 0; c < nc; c += colEvery) {
      s.text(columns.get(c), left + (c + 0.5) * cw, top + ph + 12, 11, 0, false);
    }
    // colour bar
    double bx = left + pw + 16;
    for (int i = 0; i < 50; i++) {
      double t = 1 - i / 49.0;
      double v = diverging ? 2 * t - 1 : t;
      s.color(diverging ? Palette.diverging(v) : Palette.sequential(v));
      s.fillRect(bx, top + i * ph / 50, 14, ph / 50 + 1);
    }
    s.color(0xFF222222);
    s.strokeRect(bx, top, 14, ph);
    s.text(Ticks.format(extent), bx + 17, top + 4, 10, -1, false);
    s.text(Ticks.format(diverging ? -extent : 0), bx + 17, top + ph - 4, 10, -1, false);
    if (diverging) {
      s.text("0", bx + 17, top + ph / 2, 10, -1, false);
    }
  }

  @Override
  public String describe(double px, double py, double width, double height) {
    double left = LEFT;
    double top = TOP;
    double pw = width - LEFT - RIGHT;
    double ph = height - TOP - BOTTOM;
    if (rows.isEmpty() || columns.isEmpty() || px < left || px >= left + pw || py < top || py >= top + ph) {
      return "";
    }
    int c = (int) ((px - left) / pw * columns.size());
    int r = (int) ((py - top) / ph * rows.size());
    return rows.get(r) + ", " + xLabel + " " + columns.get(c) + ": "
        + String.format(java.util.Locale.ROOT, "%.6g", values[r][c]);
  }
}
