package org.actbench.chart;

import java.util.List;

/**
 * A figure with {@link Callout}s drawn over it: what the window paints and what an export writes,
 * so a note on screen is a note in the PNG, SVG and PDF.
 */
public record Annotated(Figure figure, List<Callout> callouts) implements Figure {
  public Annotated {
    callouts = List.copyOf(callouts);
  }

  @Override
  public String title() {
    return figure.title();
  }

  @Override
  public void paint(Surface surface, double width, double height) {
    figure.paint(surface, width, height);
    for (Callout c : callouts) {
      c.paint(surface, figure, width, height);
    }
  }

  @Override
  public Annotated snapshot() {
    return new Annotated(figure.snapshot(), callouts);
  }

  @Override
  public String describe(double px, double py, double width, double height) {
    return figure.describe(px, py, width, height);
  }

  @Override
  public double[] pixelOf(double x, double y, double width, double height) {
    return figure.pixelOf(x, y, width, height);
  }

  @Override
  public double[] pointAt(double px, double py, double width, double height) {
    return figure.pointAt(px, py, width, height);
  }
}
