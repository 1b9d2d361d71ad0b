package org.actbench.chart;

import java.util.List;
import java.util.Locale;

/**
 * A matrix of values as coloured cells: rows (layers, true classes) by columns (steps, predicted
 * classes). Signed values use a diverging scale centred on zero (blue negative, red positive,
 * symmetric range), shares a sequential one. A colour bar gives the scale. The margins grow with
 * the row labels and the colour bar's numbers, so neither is cut off; column labels that do not fit
 * side by side are turned upright where there are few (classes), else thinned out (steps).
 */
public final class Heatmap implements Figure {
  private static final double TOP = 30;
  private static final double LABEL = 11; // font sizes: row and column labels, colour bar numbers
  private static final double BAR_FONT = 10;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean diverging;
  private List<String> rows = List.of();
  private List<String> columns = List.of();
  private double[][] values = new double[0][0];
  private double fixedExtent = Double.NaN;

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

  /**
   * Uses this extent for the colour scale instead of the data's own (small multiples share one).
   */
  public void setExtent(double extent) {
    this.fixedExtent = extent;
  }

  @Override
  public Heatmap snapshot() {
    Heatmap copy = new Heatmap(title, xLabel, yLabel, diverging);
    copy.set(rows, columns, values);
    copy.fixedExtent = fixedExtent;
    return copy;
  }

  /** The scale's extent: max |v| (diverging) or max v (sequential) of the data, at least tiny. */
  public double dataExtent() {
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

  private double extent() {
    return Double.isNaN(fixedExtent) ? dataExtent() : fixedExtent;
  }

  /** Width of text at a size, without a surface: Helvetica and DejaVu Sans stay under 0.62 em. */
  private static double width(String s, double size) {
    return s.length() * size * 0.62;
  }

  /**
   * Where the cells go: margins from the labels, shared by paint and the cursor read-out; and the
   * title, in one or two lines of a size that fits the width (a small panel has little of it).
   */
  private record Layout(
      double left,
      double top,
      double pw,
      double ph,
      boolean upright,
      int colEvery,
      List<String> titleLines,
      double titleFont) {}

  /** The title in the largest size from 13 down to 9 points that fits; else in two lines. */
  private List<String> titleLines(double width) {
    double room = width - 16;
    if (width(title, 9) * BOLD <= room || !title.contains(" ")) {
      return List.of(title);
    }
    int middle = title.length() / 2;
    int cut = title.lastIndexOf(' ', middle);
    int after = title.indexOf(' ', middle);
    if (cut < 0 || (after >= 0 && after - middle < middle - cut)) {
      cut = after;
    }
    return List.of(title.substring(0, cut), title.substring(cut + 1));
  }

  private static final double BOLD = 1.08; // bold glyphs are wider

  private double titleFont(List<String> lines, double width) {
    double widest = lines.stream().mapToDouble(l -> width(l, 1) * BOLD).max().orElse(1);
    return Math.max(8, Math.min(13, (width - 16) / widest));
  }

  private Layout layout(double width, double height) {
    double rowLabels = rows.stream().mapToDouble(r -> width(r, LABEL)).max().orElse(0);
    double left = 26 + rowLabels + 6;
    String[] bar = barLabels();
    double barLabels = Math.max(width(bar[0], BAR_FONT), width(bar[1], BAR_FONT));
    double right = 16 + 14 + 4 + barLabels + 4;
    double pw = Math.max(10, width - left - right);
    double widest = columns.stream().mapToDouble(c -> width(c, LABEL)).max().orElse(0);
    double cw = columns.isEmpty() ? pw : pw / columns.size();
    boolean upright = widest > cw - 4 && columns.size() <= 12; // a few categories: every one named
    double bottom = upright ? 28 + widest + 6 : 44;
    List<String> titleLines = titleLines(width);
    double titleFont = titleFont(titleLines, width);
    double top = TOP + (titleLines.size() - 1) * (titleFont + 2);
    double ph = Math.max(10, height - top - bottom);
    int colEvery = upright ? 1 : Math.max(1, (int) Math.ceil((widest + 12) / cw));
    return new Layout(left, top, pw, ph, upright, colEvery, titleLines, titleFont);
  }

  private String[] barLabels() {
    double extent = extent();
    return new String[] {Ticks.format(extent), Ticks.format(diverging ? -extent : 0)};
  }

  @Override
  public void paint(Surface s, double width, double height) {
    Layout l = layout(width, height);
    double left = l.left();
    double top = l.top();
    double pw = l.pw();
    double ph = l.ph();
    s.color(0xFFFFFFFF);
    s.fillRect(0, 0, width, height);
    s.color(0xFF222222);
    // above the cells where it fits there, else from the figure's left edge
    double titleWidth =
        l.titleLines().stream().mapToDouble(t -> width(t, l.titleFont()) * BOLD).max().orElse(0);
    double titleX = left + titleWidth <= width - 8 ? left : 8;
    for (int i = 0; i < l.titleLines().size(); i++) {
      s.text(
          l.titleLines().get(i),
          titleX,
          TOP / 2 + i * (l.titleFont() + 2),
          l.titleFont(),
          -1,
          true);
    }
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
    s.lineWidth(1);
    s.strokeRect(left, top, pw, ph);
    // every row named (class names, layers) in a smaller font where rows are thin; thinned out only
    // where even 7 points do not fit
    double rowFont = Math.max(7, Math.min(LABEL, rh - 1));
    int every = Math.max(1, (int) Math.ceil((rowFont + 1) / rh));
    for (int r = 0; r < nr; r += every) {
      s.text(rows.get(r), left - 5, top + (r + 0.5) * rh, rowFont, 1, false);
    }
    for (int c = 0; c < nc; c += l.colEvery()) {
      double cx = left + (c + 0.5) * cw;
      if (l.upright()) { // centred on the column, reading upward from just below the cells
        double w = width(columns.get(c), LABEL);
        s.verticalText(columns.get(c), cx, top + ph + 6 + w / 2, LABEL);
      } else {
        s.text(columns.get(c), cx, top + ph + 12, LABEL, 0, false);
      }
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
    String[] bar = barLabels();
    s.text(bar[0], bx + 18, top + 4, BAR_FONT, -1, false);
    s.text(bar[1], bx + 18, top + ph - 4, BAR_FONT, -1, false);
    if (diverging) {
      s.text("0", bx + 18, top + ph / 2, BAR_FONT, -1, false);
    }
  }

  @Override
  public String describe(double px, double py, double width, double height) {
    Layout l = layout(width, height);
    if (rows.isEmpty()
        || columns.isEmpty()
        || px < l.left()
        || px >= l.left() + l.pw()
        || py < l.top()
        || py >= l.top() + l.ph()) {
      return "";
    }
    int c = (int) ((px - l.left()) / l.pw() * columns.size());
    int r = (int) ((py - l.top()) / l.ph() * rows.size());
    return rows.get(r)
        + ", "
        + xLabel
        + " "
        + columns.get(c)
        + ": "
        + String.format(Locale.ROOT, "%.6g", values[r][c]);
  }
}
