package org.actbench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Histograms drawn as step outlines on a shared value axis, each normalised to shares so runs of
 * any batch size compare; a vertical line marks zero, so the negative side reads at a glance.
 */
public final class Bars implements Figure {
  /** One histogram: equal bins from lo to hi. */
  public record Histogram(String label, int argb, double lo, double hi, long[] counts) {}

  private final String title;
  private final String xLabel;
  private final List<Histogram> histograms = new ArrayList<>();
  private String empty = "";

  public Bars(String title, String xLabel) {
    this.title = title;
    this.xLabel = xLabel;
  }

  @Override
  public String title() {
    return title;
  }

  /** What the frame says while there is no histogram to draw. */
  public void setEmptyText(String text) {
    this.empty = text == null ? "" : text;
  }

  public void set(List<Histogram> all) {
    histograms.clear();
    histograms.addAll(all);
  }

  @Override
  public Bars snapshot() {
    Bars copy = new Bars(title, xLabel);
    copy.histograms.addAll(histograms); // counts arrays are never changed once made
    copy.empty = empty;
    return copy;
  }

  @Override
  public void paint(Surface s, double width, double height) {
    LineChart frame = new LineChart(title, xLabel, "share of values");
    frame.setIncludeZero(true);
    frame.setEmptyText(empty);
    for (Histogram h : histograms) {
      Series outline = new Series();
      long total = 0;
      for (long c : h.counts()) {
        total += c;
      }
      double w = (h.hi() - h.lo()) / h.counts().length;
      outline.add(h.lo(), 0);
      for (int b = 0; b < h.counts().length; b++) {
        double share = total == 0 ? 0 : (double) h.counts()[b] / total;
        outline.add(h.lo() + b * w, share);
        outline.add(h.lo() + (b + 1) * w, share);
      }
      outline.add(h.hi(), 0);
      frame.add(Line.of(h.label(), h.argb(), outline));
    }
    frame.paint(s, width, height);
    double[] x = frame.xRange();
    if (x[0] < 0 && x[1] > 0) {
      double pw = width - LineChart.LEFT - LineChart.RIGHT;
      double px = LineChart.LEFT + (0 - x[0]) / (x[1] - x[0]) * pw;
      s.color(0xFF888888);
      s.lineWidth(1);
      s.line(px, LineChart.TOP, px, height - LineChart.BOTTOM);
    }
  }
}
