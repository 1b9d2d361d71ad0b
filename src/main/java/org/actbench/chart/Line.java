package org.actbench.chart;

/**
 * One curve of a chart, optionally with a band (e.g. quartiles or a confidence interval) drawn
 * behind it.
 *
 * @param argb colour
 * @param dashed drawn dashed (e.g. test curves beside training curves)
 * @param low lower edge of the band, or null (same x as {@code high})
 * @param high upper edge of the band, or null
 */
public record Line(String label, int argb, boolean dashed, Series series, Series low, Series high) {
  public static Line of(String label, int argb, Series series) {
    return new Line(label, argb, false, series, null, null);
  }

  public boolean hasBand() {
    return low != null && high != null;
  }
}
