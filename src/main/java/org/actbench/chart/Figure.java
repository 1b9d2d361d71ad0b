package org.actbench.chart;

/** Something drawable at any size on any {@link Surface}: a chart, a heatmap, bars. */
public interface Figure {
  String title();

  void paint(Surface surface, double width, double height);

  /**
   * A copy that does not change when this figure does, cheap to take (points are shared, not
   * copied), to be painted on another thread while this one goes on changing on its own.
   */
  Figure snapshot();

  /** The exact value under a pixel, for the cursor read-out; empty where there is none. */
  default String describe(double px, double py, double width, double height) {
    return "";
  }
}
