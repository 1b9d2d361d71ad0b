package org.actbench.chart;

/** Something drawable at any size on any {@link Surface}: a chart, a heatmap, bars. */
public interface Figure {
  String title();

  void paint(Surface surface, double width, double height);

  /** The exact value under a pixel, for the cursor read-out; empty where there is none. */
  default String describe(double px, double py, double width, double height) {
    return "";
  }
}
