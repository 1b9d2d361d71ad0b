package org.actbench.engine.train;

import java.util.List;

/** The bias shift measured on the probe batch after {@code step} steps, per receiving layer. */
public record BiasShift(long step, List<BiasShiftRecord> layers) implements TrainingEvent {
  public BiasShift {
    layers = List.copyOf(layers);
  }
}
