package org.actbench.chart;

/**
 * One curve of a chart, optionally with a band (e.g. quartiles or a confidence interval) drawn
 * behind it.
 *
 * @param argb colour
 * @param dash how the line is stroked (depths of one activation differ by dash)
 * @param markers a marker on every point, joined by the line: for sparse measurements such as
 *     test-set evaluations, so they stand apart from a noisy training curve of the same colour
 * @param low lower edge of the band, or null (same x as {@code high})
 * @param high upper edge of the band, or null
 */
public record Line(
    String label, int argb, Dash dash, boolean markers, Series series, Series low, Series high) {

  /** Dash patterns, in points: solid first, then ever sparser. */
  public enum Dash {
    SOLID(),
    DASHED(6, 4),
    DOTTED(1.5, 3),
    DASH_DOT(7, 3, 1.5, 3),
    LONG_DASH(12, 4);

    private final double[] pattern;

    Dash(double... pattern) {
      this.pattern = pattern;
    }

    public double[] pattern() {
      return pattern.clone();
    }

    /** The k-th pattern, cycling. */
    public static Dash nth(int k) {
      return values()[Math.floorMod(k, values().length)];
    }
  }

  public Line {
    if (dash == null) {
      dash = Dash.SOLID;
    }
  }

  /** A solid or dashed line without markers. */
  public Line(String label, int argb, boolean dashed, Series series, Series low, Series high) {
    this(label, argb, dashed ? Dash.DASHED : Dash.SOLID, false, series, low, high);
  }

  public static Line of(String label, int argb, Series series) {
    return new Line(label, argb, Dash.SOLID, false, series, null, null);
  }

  public Line withDash(Dash d) {
    return new Line(label, argb, d, markers, series, low, high);
  }

  public Line withMarkers() {
    return new Line(label, argb, dash, true, series, low, high);
  }

  public boolean dashed() {
    return dash != Dash.SOLID;
  }

  public boolean hasBand() {
    return low != null && high != null;
  }
}
