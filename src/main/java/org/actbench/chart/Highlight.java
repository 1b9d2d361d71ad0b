package org.actbench.chart;

/**
 * What a reader should look at on a line chart: the steps {@code from} to {@code to} and, when both
 * are finite, the values {@code low} to {@code high} (else the plot's full height), shaded, with a
 * short text in a box at its top.
 */
public record Highlight(double from, double to, double low, double high, String text) {
  /** Shade over the region: a light amber that every line colour stays readable on. */
  static final int FILL = 0x38F0B400;

  static final int EDGE = 0xFFB07000;

  /** Whether the region spans a range of values, not the plot's whole height. */
  boolean hasValues() {
    return Double.isFinite(low) && Double.isFinite(high);
  }
}
