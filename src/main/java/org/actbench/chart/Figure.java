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

  /**
   * Where a point in this figure's coordinates lies, in pixels of a {@code width} × {@code height}
   * drawing; null if it is not in view. Here (figures without axes: panels, bars): fractions of the
   * figure, so a {@link Callout} keeps its place when the window is resized.
   */
  default double[] pixelOf(double x, double y, double width, double height) {
    return new double[] {x * width, y * height};
  }

  /** The point in this figure's coordinates at a pixel: the inverse of {@link #pixelOf}. */
  default double[] pointAt(double px, double py, double width, double height) {
    return new double[] {px / width, py / height};
  }
}
