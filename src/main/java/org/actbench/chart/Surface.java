package org.actbench.chart;

/**
 * What a chart draws with: a few primitives in pixel coordinates, origin top left. Implemented by
 * the window's canvas and by the exporters (PNG now), so every output draws the same figure.
 */
public interface Surface {
  /** Colour as 0xAARRGGBB for what follows. */
  void color(int argb);

  /** Line width for what follows; lines are solid again until {@link #dash} says otherwise. */
  void lineWidth(double width);

  /** A dash pattern (on, off, on, ... lengths) for the lines that follow; empty for solid. */
  void dash(double... pattern);

  void line(double x1, double y1, double x2, double y2);

  /** A connected line through the first {@code n} points. */
  void polyline(double[] xs, double[] ys, int n);

  /** A filled polygon through the first {@code n} points. */
  void fillPolygon(double[] xs, double[] ys, int n);

  void fillRect(double x, double y, double w, double h);

  void strokeRect(double x, double y, double w, double h);

  /**
   * Text with its anchor at (x, y): {@code align} −1 left, 0 centre, 1 right of x; the baseline
   * sits {@code size}·0.35 below y so text is vertically centred on y.
   */
  void text(String s, double x, double y, double size, int align, boolean bold);

  /** The same, turned 90° counter-clockwise (for a y-axis label), centred on (x, y). */
  void verticalText(String s, double x, double y, double size);

  /** Width of text at a size, for layout. */
  double textWidth(String s, double size);

  void clip(double x, double y, double w, double h);

  void unclip();
}
