package org.actbench.engine.train;

import java.util.List;

/** The activation histograms of every activation layer after {@code step} steps. */
public record Histograms(long step, List<Histogram> layers) implements TrainingEvent {
  public Histograms {
    layers = List.copyOf(layers);
  }
}
