package org.actbench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Curves over a shared x axis (steps), with optional bands, a legend, a linear or log y axis, and a
 * zoomable, pannable x range. Keeps every point but draws at most two per pixel column (the
 * column's minimum and maximum, in order), so spikes survive and long runs draw fast.
 *
 * <p>The y axis shows what a reader needs: it is fitted to the curves, not to their bands (a wide
 * band with few seeds would flatten every curve); it can always include zero (signed quantities
 * such as unit means read against it); and it can leave out the first steps when they lie far off
 * the rest (a loss of 4 to 9 at step 1 against 2.3 later), saying so on the plot. {@link
 * #setFullRange} shows everything: bands and first steps included.
 */
public final class LineChart implements Figure {
  static final double LEFT = 64;
  static final double RIGHT = 14;
  static final double TOP = 30;
  static final double BOTTOM = 44;
  static final double FONT = 12;

  private String title;
  private final String xLabel;
  private String yLabel;
  private final List<Line> lines = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private final List<Guide> guides = new ArrayList<>();
  private boolean logY;
  private boolean includeZero;
  private boolean trimStart;
  private boolean fullRange;
  private String caption = "";
  private String empty = "no data yet";
  private double viewLo = Double.NaN;
  private double viewHi = Double.NaN;
  private double[] bufX = new double[1024];
  private double[] bufY = new double[1024];
  private Highlight highlight;

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  @Override
  public String title() {
    return title;
  }

  /**
   * A short note printed small at the bottom right (e.g. that a preset is not the paper's setup).
   */
  public void setCaption(String caption) {
    this.caption = caption == null ? "" : caption;
  }

  /** What the plot says while it has nothing to draw (default "no data yet"). */
  public void setEmptyText(String text) {
    this.empty = text;
  }

  public void setTitle(String title) {
    this.title = title == null ? "" : title;
  }

  /** The y axis' label (a chart that plots one of several quantities names the one chosen). */
  public void setYLabel(String label) {
    this.yLabel = label == null ? "" : label;
  }

  /**
   * The label of the line whose value at x is nearest y (where a callout dropped at (x, y)
   * belongs), or null when there is no line.
   */
  public String nearestLine(double x, double y) {
    String best = null;
    double distance = Double.POSITIVE_INFINITY;
    for (Line l : lines()) {
      int i = l.series().nearest(x);
      if (i >= 0 && Math.abs(l.series().y(i) - y) < distance) {
        distance = Math.abs(l.series().y(i) - y);
        best = l.label();
      }
    }
    return best;
  }

  public List<Line> lines() {
    return lines;
  }

  public void add(Line line) {
    lines.add(line);
  }

  /**
   * A vertical line at {@code x} with a short label at its top (an event: a live change of the
   * learning rate, a fork's step), in {@code argb}.
   */
  public record Marker(double x, String label, int argb) {}

  /** Marks {@code x} with a dashed vertical line and a label; {@link #clear} removes it. */
  public void addMarker(Marker marker) {
    markers.add(marker);
  }

  public List<Marker> markers() {
    return markers;
  }

  /** Removes every line and marker. */
  public void clear() {
    markers.clear();
    lines.clear();
    guides.clear();
  }

  /** Horizontal reference lines, drawn dashed and labelled; the y axis includes them. */
  public List<Guide> guides() {
    return guides;
  }

  public void addGuide(Guide guide) {
    guides.add(guide);
  }

  @Override
  public LineChart snapshot() {
    LineChart copy = new LineChart(title, xLabel, yLabel);
    copy.logY = logY;
    copy.includeZero = includeZero;
    copy.trimStart = trimStart;
    copy.fullRange = fullRange;
    copy.caption = caption;
    copy.empty = empty;
    copy.viewLo = viewLo;
    copy.viewHi = viewHi;
    copy.markers.addAll(markers);
    copy.highlight = highlight;
    copy.guides.addAll(guides);
    for (Line l : lines) {
      copy.lines.add(
          new Line(
              l.label(),
              l.argb(),
              l.dash(),
              l.markers(),
              l.series().frozen(),
              l.low() == null ? null : l.low().frozen(),
              l.high() == null ? null : l.high().frozen()));
    }
    return copy;
  }

  /** What to look at (a lesson's callout), or null for nothing. */
  public void setHighlight(Highlight highlight) {
    this.highlight = highlight;
  }

  public Highlight highlight() {
    return highlight;
  }

  public boolean logY() {
    return logY;
  }

  public void setLogY(boolean log) {
    this.logY = log;
  }

  /** Whether the y axis always includes 0 (for signed quantities such as unit means). */
  public void setIncludeZero(boolean yes) {
    this.includeZero = yes;
  }

  /**
   * Whether the first steps (the first 5 % of the steps) may be left out of the y range when they
   * lie far off the rest, as a loss does at the start; the plot then says so.
   */
  public void setTrimStart(boolean yes) {
    this.trimStart = yes;
  }

  public boolean fullRange() {
    return fullRange;
  }

  /** Shows the full range: bands and first steps included (the reader's choice, one click). */
  public void setFullRange(boolean yes) {
    this.fullRange = yes;
  }

  /** Zooms the x range by {@code factor} (&lt; 1 in) around the pixel column {@code px}. */
  public void zoom(double factor, double px, double width) {
    double[] x = xRange();
    double at = x[0] + (px - LEFT) / (width - LEFT - RIGHT) * (x[1] - x[0]);
    viewLo = at - (at - x[0]) * factor;
    viewHi = at + (x[1] - at) * factor;
  }

  /** Moves the x range by {@code dx} pixels. */
  public void pan(double dx, double width) {
    double[] x = xRange();
    double shift = -dx / (width - LEFT - RIGHT) * (x[1] - x[0]);
    viewLo = x[0] + shift;
    viewHi = x[1] + shift;
  }

  public void resetView() {
    viewLo = Double.NaN;
    viewHi = Double.NaN;
  }

  /** The x range zoomed or panned to, {@code {lo, hi}}; null where all data are shown. */
  public double[] view() {
    return Double.isNaN(viewLo) ? null : new double[] {viewLo, viewHi};
  }

  /** Shows x from {@code lo} to {@code hi} (a saved {@link #view()}). */
  public void setView(double lo, double hi) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
      throw new IllegalArgumentException("a view needs finite lo < hi, got " + lo + ".." + hi);
    }
    viewLo = lo;
    viewHi = hi;
  }

  /** The x range shown: the view if zoomed, else all data. */
  public double[] xRange() {
    if (!Double.isNaN(viewLo)) {
      return new double[] {viewLo, viewHi};
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      if (l.series().size() > 0) {
        lo = Math.min(lo, l.series().x(0));
        hi = Math.max(hi, l.series().x(l.series().size() - 1));
      }
    }
    if (lo == Double.POSITIVE_INFINITY) {
      return new double[] {0, 1};
    }
    return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1, hi + 1};
  }

  /**
   * The y range drawn: {@code lo}, {@code hi}, and the extreme value of the first steps left out
   * ({@code offScale}, NaN if none was).
   */
  record YRange(double lo, double hi, double offScale) {}

  /** Where the data start and end on x (all of it, not the view); null if there is none. */
  private double[] dataX() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      if (l.series().size() > 0) {
        lo = Math.min(lo, l.series().x(0));
        hi = Math.max(hi, l.series().x(l.series().size() - 1));
      }
    }
    return lo == Double.POSITIVE_INFINITY ? null : new double[] {lo, hi};
  }

  /** Min and max of y (in the axis' own scale: log10 on a log axis) and a count, accumulated. */
  private final class Extent {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n;

    void add(double y) {
      double v = logY ? Math.log10(y) : y;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      n++;
    }

    double value(double v) {
      return logY ? Math.pow(10, v) : v;
    }
  }

  /**
   * The y range of what is visible in the x range: the curves (bands too in full range), without
   * first steps far off the rest unless in full range, with zero if asked, padded 5 %.
   */
  YRange yRange(double[] x) {
    double[] data = dataX();
    double earlyEnd = Double.NEGATIVE_INFINITY;
    if (trimStart && !fullRange && data != null) {
      earlyEnd = data[0] + 0.05 * (data[1] - data[0]);
    }
    Extent rest = new Extent();
    Extent early = new Extent();
    for (Line l : lines) {
      Series[] all =
          fullRange && l.hasBand()
              ? new Series[] {l.series(), l.low(), l.high()}
              : new Series[] {l.series()};
      for (Series s : all) {
        for (int i = 0; i < s.size(); i++) {
          double xv = s.x(i);
          double y = s.y(i);
          if (xv < x[0] || xv > x[1] || !Double.isFinite(y) || (logY && y <= 0)) {
            continue;
          }
          (xv <= earlyEnd ? early : rest).add(y);
        }
      }
    }
    double offScale = Double.NaN;
    double lo;
    double hi;
    if (rest.n >= 10 && early.n > 0) {
      double margin = Math.max(0.5 * (rest.hi - rest.lo), logY ? 0.04 : 0.1 * Math.abs(rest.hi));
      boolean above = early.hi > rest.hi + margin;
      boolean below = early.lo < rest.lo - margin;
      if (above || below) {
        offScale = rest.value(above ? early.hi : early.lo);
        lo = rest.lo;
        hi = rest.hi;
      } else {
        lo = Math.min(rest.lo, early.lo);
        hi = Math.max(rest.hi, early.hi);
      }
    } else if (rest.n + early.n > 0) {
      lo = Math.min(rest.lo, early.lo);
      hi = Math.max(rest.hi, early.hi);
    } else {
      return logY
          ? new YRange(0.1, 10, Double.NaN)
          : new YRange(includeZero ? -1 : 0, 1, Double.NaN);
    }
    if (!logY && rest.n + early.n > 0) { // guides are read against the curves: both in view
      for (Guide g : guides) {
        lo = Math.min(lo, g.y());
        hi = Math.max(hi, g.y());
      }
    }
    if (logY) {
      double pad = hi > lo ? (hi - lo) * 0.05 : 0.3;
      return new YRange(Math.pow(10, lo - pad), Math.pow(10, hi + pad), offScale);
    }
    if (includeZero) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
    double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1e-9, Math.abs(lo) * 0.1 + 0.1);
    return new YRange(lo - pad, hi + pad, offScale);
  }

  @Override
  public void paint(Surface s, double width, double height) {
    double pw = width - LEFT - RIGHT;
    double ph = height - TOP - BOTTOM;
    double[] x = xRange();
    YRange yr = yRange(x);
    double[] y = {yr.lo(), yr.hi()};
    s.color(0xFFFFFFFF);
    s.fillRect(0, 0, width, height);
    s.color(0xFF222222);
    s.text(title, LEFT, TOP / 2, FONT + 1, -1, true);
    if (!caption.isEmpty()) { // bottom right, clear of the title and the centred axis label
      s.color(0xFF666666);
      s.text(caption, width - RIGHT, height - 5, FONT - 4, 1, false);
      s.color(0xFF222222);
    }
    // grid and tick labels
    List<Double> xt = Ticks.linear(x[0], x[1], Math.max(2, (int) (pw / 90)));
    List<Double> yt =
        logY
            ? Ticks.log(y[0], y[1], Math.max(2, (int) (ph / 22)))
            : Ticks.linear(y[0], y[1], Math.max(2, (int) (ph / 50)));
    s.lineWidth(1);
    for (double v : xt) {
      double px = LEFT + (v - x[0]) / (x[1] - x[0]) * pw;
      s.color(0xFFE6E6E6);
      s.line(px, TOP, px, TOP + ph);
      s.color(0xFF444444);
      s.text(Ticks.format(v), px, TOP + ph + 12, FONT - 1, 0, false);
    }
    for (double v : yt) {
      double py = yPixel(v, y, ph);
      s.color(0xFFE6E6E6);
      s.line(LEFT, py, LEFT + pw, py);
      s.color(0xFF444444);
      s.text(Ticks.format(v), LEFT - 6, py, FONT - 1, 1, false);
    }
    if (!logY && y[0] < 0
        && y[1] > 0) { // zero line: signed quantities (unit means) read against it
      s.color(0xFF888888);
      double py = yPixel(0, y, ph);
      s.line(LEFT, py, LEFT + pw, py);
    }
    s.color(0xFF222222);
    s.strokeRect(LEFT, TOP, pw, ph);
    s.text(xLabel, LEFT + pw / 2, height - 12, FONT, 0, false);
    s.verticalText(yLabel + (logY ? " (log)" : ""), 14, TOP + ph / 2, FONT);

    if (lines.stream().allMatch(l -> l.series().size() == 0)) {
      paintEmpty(s, pw, ph);
    }
    s.clip(LEFT, TOP, pw, ph);
    paintGuides(s, y, pw, ph);
    for (Line l : lines) {
      if (l.hasBand()) {
        paintBand(s, l, x, y, pw, ph);
      }
    }
    for (Line l : lines) {
      s.color(l.argb());
      s.lineWidth(l.markers() ? 1.1 : 1.6);
      s.dash(l.dash().pattern());
      int n = decimate(l.series(), x, y, pw, ph);
      s.polyline(bufX, bufY, n);
      s.lineWidth(1);
      if (l.markers()) {
        for (int i = 0; i < n; i++) {
          marker(s, bufX[i], bufY[i], l.argb());
        }
      } else if (n == 1) { // a run's first point: no line yet, but there is a value to see
        s.fillRect(bufX[0] - 2, bufY[0] - 2, 4, 4);
      }
    }
    paintMarkers(s, x, pw, ph);
    s.unclip();
    if (highlight != null) {
      paintHighlight(s, x, y, pw, ph);
    }
    if (!Double.isNaN(yr.offScale())) { // above the plot's right edge, clear of the curves
      String note =
          "first steps off scale ("
              + (yr.offScale() > y[1] ? "up to " : "down to ")
              + Ticks.format(yr.offScale())
              + ")";
      // the title is bold, which its plain width understates by up to a tenth
      double titleEnd = LEFT + 1.1 * s.textWidth(title, FONT + 1) + 12;
      double noteStart = Math.max(titleEnd, LEFT + pw - s.textWidth(note, FONT - 1));
      s.color(0xFF666666);
      s.text(note, noteStart, TOP / 2, FONT - 1, -1, false);
    }
    paintLegend(s, width);
  }

  /** Each marker in the x range: a dashed vertical line, its label beside its foot. */
  private void paintMarkers(Surface s, double[] x, double pw, double ph) {
    for (Marker m : markers) {
      if (m.x() < x[0] || m.x() > x[1]) {
        continue;
      }
      double px = xPixel(m.x(), x, pw);
      s.color(m.argb());
      s.lineWidth(1);
      s.dash(MARKER_DASH);
      s.line(px, TOP, px, TOP + ph);
      s.dash();
      s.text(m.label(), px + 3, TOP + ph - 8, FONT - 3, -1, false); // clear of the legend
    }
  }

  private static final double[] MARKER_DASH = {4, 3};

  /**
   * The region shaded and edged, clamped to the plot; its text in a white box at the region's
   * bottom left, moved left where it would run out of the plot.
   */
  private void paintHighlight(Surface s, double[] x, double[] y, double pw, double ph) {
    Highlight h = highlight;
    // clamped to the plot: a region partly or wholly outside the view (steps not trained yet)
    // still shows, at least as a thin mark at the edge it lies beyond
    double x0 = clamp(xPixel(h.from(), x, pw), LEFT, LEFT + pw - 4);
    double x1 = clamp(xPixel(h.to(), x, pw), x0 + 4, LEFT + pw);
    double y0 = h.hasValues() ? clamp(yPixel(h.high(), y, ph), TOP, TOP + ph - 4) : TOP;
    double y1 = h.hasValues() ? clamp(yPixel(h.low(), y, ph), y0 + 4, TOP + ph) : TOP + ph;
    s.color(Highlight.FILL);
    s.fillRect(x0, y0, x1 - x0, y1 - y0);
    s.color(Highlight.EDGE);
    s.lineWidth(2);
    s.dash(6, 4);
    s.strokeRect(x0, y0, x1 - x0, y1 - y0);
    s.lineWidth(1);
    double textW = 1.1 * s.textWidth(h.text(), FONT) + 12; // bold: a tenth wider than plain
    double bx = Math.max(LEFT + 2, Math.min(x0, LEFT + pw - textW - 2));
    // inside the region at its bottom, clear of the legend at the top right; a thin region: below
    // it, or above it at the plot's bottom
    double by = y1 - y0 > 30 ? y1 - 22 : y1 + 22 < TOP + ph ? y1 + 4 : y0 - 22;
    s.color(0xF2FFFFFF);
    s.fillRect(bx, by, textW, 18);
    s.color(Highlight.EDGE);
    s.strokeRect(bx, by, textW, 18);
    s.color(0xFF111111);
    s.text(h.text(), bx + 6, by + 9, FONT, -1, true);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * The guides behind the curves: dashed, each labelled above its line at the left, labels pushed
   * apart where values lie close (ELU's 0.16 beside the shifted ReLU's 0.08).
   */
  private void paintGuides(Surface s, double[] y, double pw, double ph) {
    if (logY || guides.isEmpty()) {
      return;
    }
    List<Guide> inView =
        guides.stream()
            .filter(g -> g.y() >= y[0] && g.y() <= y[1])
            .sorted((a, b) -> Double.compare(b.y(), a.y())) // top first
            .toList();
    double labelAt = Double.NEGATIVE_INFINITY;
    for (Guide g : inView) {
      double py = yPixel(g.y(), y, ph);
      s.color(g.argb());
      s.lineWidth(1.3);
      s.dash(5, 4);
      s.line(LEFT, py, LEFT + pw, py);
      s.dash();
      s.lineWidth(1);
      labelAt = Math.max(py - FONT / 2 - 1, labelAt + FONT + 1);
      double w = s.textWidth(g.label(), FONT - 1);
      s.color(0xD9FFFFFF); // the label stays legible over the grid and bands
      s.fillRect(LEFT + 4, labelAt - FONT / 2, w + 4, FONT);
      s.color(Palette.shade(g.argb(), 0, 2));
      s.text(g.label(), LEFT + 6, labelAt, FONT - 1, -1, false);
    }
  }

  @Override
  public double[] pixelOf(double xv, double yv, double width, double height) {
    Plot p = plot(width, height);
    if (xv < p.x[0] || xv > p.x[1] || yv < p.y[0] || yv > p.y[1] || (logY && yv <= 0)) {
      return null;
    }
    return new double[] {xPixel(xv, p.x, p.pw), yPixel(yv, p.y, p.ph)};
  }

  @Override
  public double[] pointAt(double px, double py, double width, double height) {
    Plot p = plot(width, height);
    double t = (TOP + p.ph - py) / p.ph;
    double lo = p.y[0];
    double hi = p.y[1];
    double yv =
        logY ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
    return new double[] {p.x[0] + (px - LEFT) / p.pw * (p.x[1] - p.x[0]), yv};
  }

  /** The plot area's size and the ranges it shows, for a drawing of width × height. */
  private record Plot(double pw, double ph, double[] x, double[] y) {}

  private Plot plot(double width, double height) {
    double[] x = xRange();
    YRange yr = yRange(x);
    return new Plot(
        width - LEFT - RIGHT, height - TOP - BOTTOM, x, new double[] {yr.lo(), yr.hi()});
  }

  /** A filled circle with a white rim, so it stands out on a line of its own colour. */
  private static void marker(Surface s, double cx, double cy, int argb) {
    circle(s, cx, cy, 4.2, 0xFFFFFFFF);
    circle(s, cx, cy, 3, argb);
  }

  private static void circle(Surface s, double cx, double cy, double r, int argb) {
    double[] xs = new double[12];
    double[] ys = new double[12];
    for (int k = 0; k < 12; k++) {
      xs[k] = cx + r * Math.cos(k * Math.PI / 6);
      ys[k] = cy + r * Math.sin(k * Math.PI / 6);
    }
    s.color(argb);
    s.fillPolygon(xs, ys, 12);
  }

  private double yPixel(double v, double[] y, double ph) {
    double t =
        logY
            ? (Math.log(v) - Math.log(y[0])) / (Math.log(y[1]) - Math.log(y[0]))
            : (v - y[0]) / (y[1] - y[0]);
    return TOP + ph - t * ph;
  }

  private double xPixel(double v, double[] x, double pw) {
    return LEFT + (v - x[0]) / (x[1] - x[0]) * pw;
  }

  /** Points of a series to draw into the buffers: per pixel column its min and max, in order. */
  private int decimate(Series series, double[] x, double[] y, double pw, double ph) {
    int n = 0;
    int column = Integer.MIN_VALUE;
    int minAt = -1;
    int maxAt = -1;
    for (int i = 0; i < series.size(); i++) {
      double xv = series.x(i);
      double yv = series.y(i);
      if (!Double.isFinite(yv) || (logY && yv <= 0)) {
        continue;
      }
      int c = (int) Math.floor(xPixel(xv, x, pw));
      if (c != column) {
        n = flush(series, minAt, maxAt, n, x, y, pw, ph);
        column = c;
        minAt = i;
        maxAt = i;
      } else {
        if (yv < series.y(minAt)) {
          minAt = i;
        }
        if (yv > series.y(maxAt)) {
          maxAt = i;
        }
      }
    }
    return flush(series, minAt, maxAt, n, x, y, pw, ph);
  }

  private int flush(
      Series s, int minAt, int maxAt, int n, double[] x, double[] y, double pw, double ph) {
    if (minAt < 0) {
      return n;
    }
    if (n + 2 > bufX.length) {
      bufX = java.util.Arrays.copyOf(bufX, bufX.length * 2);
      bufY = java.util.Arrays.copyOf(bufY, bufY.length * 2);
    }
    int first = Math.min(minAt, maxAt);
    int second = Math.max(minAt, maxAt);
    bufX[n] = xPixel(s.x(first), x, pw);
    bufY[n++] = yPixel(s.y(first), y, ph);
    if (second != first) {
      bufX[n] = xPixel(s.x(second), x, pw);
      bufY[n++] = yPixel(s.y(second), y, ph);
    }
    return n;
  }

  /** Fills the band between low and high, one polygon per stretch where both are defined. */
  private void paintBand(Surface s, Line l, double[] x, double[] y, double pw, double ph) {
    Series lo = l.low();
    Series hi = l.high();
    int n = Math.min(lo.size(), hi.size());
    s.color(Palette.withAlpha(l.argb(), 0.18));
    int start = 0;
    while (start < n) {
      while (start < n && !defined(lo, hi, start)) {
        start++;
      }
      int end = start;
      while (end < n && defined(lo, hi, end)) {
        end++;
      }
      if (end - start >= 2) {
        int k = 0;
        double[] px = new double[2 * (end - start)];
        double[] py = new double[px.length];
        for (int i = start; i < end; i++) {
          px[k] = xPixel(hi.x(i), x, pw);
          py[k++] = yPixel(hi.y(i), y, ph);
        }
        for (int i = end - 1; i >= start; i--) {
          px[k] = xPixel(lo.x(i), x, pw);
          py[k++] = yPixel(lo.y(i), y, ph);
        }
        s.fillPolygon(px, py, k);
      }
      start = end;
    }
  }

  private boolean defined(Series lo, Series hi, int i) {
    return Double.isFinite(lo.y(i))
        && Double.isFinite(hi.y(i))
        && (!logY || (lo.y(i) > 0 && hi.y(i) > 0));
  }

  /** Lines with an empty label (e.g. the faint raw curve behind a smoothed one) stay out of it. */
  private void paintLegend(Surface s, double width) {
    List<Line> lines = this.lines.stream().filter(l -> !l.label().isEmpty()).toList();
    if (lines.isEmpty()) {
      return;
    }
    // a legend never wider than the plot: long labels (run ids at a presenter's scale) lose
    // their middle, keeping the run's name and what the line is
    double room = Math.max(40, width - LEFT - RIGHT - 12 - 40);
    List<String> labels = lines.stream().map(l -> fitted(s, l.label(), FONT - 1, room)).toList();
    double w = 0;
    for (String label : labels) {
      w = Math.max(w, s.textWidth(label, FONT - 1));
    }
    double boxW = w + 40;
    double x0 = width - RIGHT - boxW - 6;
    double y0 = TOP + 6;
    s.color(0xE6FFFFFF);
    s.fillRect(x0, y0, boxW, 16 * lines.size() + 6);
    s.color(0xFFBBBBBB);
    s.lineWidth(1);
    s.strokeRect(x0, y0, boxW, 16 * lines.size() + 6);
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      double ly = y0 + 11 + 16 * i;
      s.color(l.argb());
      s.lineWidth(l.markers() ? 1.1 : 2);
      s.dash(l.dash().pattern());
      s.line(x0 + 6, ly, x0 + 30, ly);
      s.lineWidth(1);
      if (l.markers()) {
        marker(s, x0 + 18, ly, l.argb());
      }
      s.color(0xFF222222);
      s.text(labels.get(i), x0 + 34, ly, FONT - 1, -1, false);
    }
  }

  /**
   * What the plot says while it has nothing to draw: wrapped at spaces to the plot's width (a
   * sentence saying why no probe has run is wider than a small chart), centred, on white so that
   * the zero line does not run through it.
   */
  private void paintEmpty(Surface s, double pw, double ph) {
    List<String> rows = wrapped(s, empty, FONT, pw - 16);
    double lineHeight = FONT * 1.5;
    double first = TOP + ph / 2 - lineHeight * (rows.size() - 1) / 2;
    double w = rows.stream().mapToDouble(r -> s.textWidth(r, FONT)).max().orElse(0);
    s.color(0xFFFFFFFF);
    s.fillRect(LEFT + pw / 2 - w / 2 - 4, first - lineHeight / 2, w + 8, lineHeight * rows.size());
    s.color(0xFF888888);
    for (int i = 0; i < rows.size(); i++) {
      s.text(rows.get(i), LEFT + pw / 2, first + i * lineHeight, FONT, 0, false);
    }
  }

  /** {@code text} broken at spaces into rows no wider than {@code room} (a longer word alone). */
  static List<String> wrapped(Surface s, String text, double size, double room) {
    List<String> rows = new ArrayList<>();
    StringBuilder row = new StringBuilder();
    for (String word : text.split(" ")) {
      String longer = row.length() == 0 ? word : row + " " + word;
      if (row.length() > 0 && s.textWidth(longer, size) > room) {
        rows.add(row.toString());
        row.setLength(0);
        row.append(word);
      } else {
        row.setLength(0);
        row.append(longer);
      }
    }
    rows.add(row.toString());
    return rows;
  }

  /** {@code label}, or its start and end around "…" where it is wider than {@code room}. */
  static String fitted(Surface s, String label, double size, double room) {
    if (s.textWidth(label, size) <= room) {
      return label;
    }
    int lo = 0; // characters kept: the most that fit, by bisection
    int hi = label.length();
    while (lo < hi) {
      int k = (lo + hi + 1) / 2;
      if (s.textWidth(elided(label, k), size) <= room) {
        lo = k;
      } else {
        hi = k - 1;
      }
    }
    return elided(label, lo);
  }

  private static String elided(String label, int kept) {
    int head = (kept + 1) / 2;
    return label.substring(0, head) + "…" + label.substring(label.length() - (kept - head));
  }

  /** The x value (a step) under pixel column {@code px}, or NaN outside the plot. */
  public double xAt(double px, double width) {
    double pw = width - LEFT - RIGHT;
    if (px < LEFT || px > LEFT + pw) {
      return Double.NaN;
    }
    double[] x = xRange();
    return x[0] + (px - LEFT) / pw * (x[1] - x[0]);
  }

  @Override
  public String describe(double px, double py, double width, double height) {
    double pw = width - LEFT - RIGHT;
    double ph = height - TOP - BOTTOM;
    if (px < LEFT || px > LEFT + pw || py < TOP || py > TOP + ph) {
      return "";
    }
    double[] x = xRange();
    YRange yr = yRange(x);
    double[] y = {yr.lo(), yr.hi()};
    double at = x[0] + (px - LEFT) / pw * (x[1] - x[0]);
    String best = "";
    double bestDistance = Double.POSITIVE_INFINITY;
    for (Line l : lines) {
      int i = l.series().nearest(at);
      if (i < 0 || !Double.isFinite(l.series().y(i))) {
        continue;
      }
      double d =
          Math.abs(yPixel(l.series().y(i), y, ph) - py)
              + Math.abs(xPixel(l.series().x(i), x, pw) - px);
      if (d < bestDistance) {
        bestDistance = d;
        best =
            l.label()
                + ": "
                + xLabel
                + " "
                + Ticks.format(l.series().x(i))
                + ", "
                + yLabel
                + " "
                + String.format(java.util.Locale.ROOT, "%.6g", l.series().y(i));
      }
    }
    return best;
  }
}
