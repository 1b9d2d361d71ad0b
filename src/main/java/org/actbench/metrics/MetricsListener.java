package org.actbench.metrics;

import java.util.List;

/** Receives the measurements of {@link Instrumentation} on the training thread. */
public interface MetricsListener {
  default void onDrift(DriftRecord drift) {}

  default void onHistograms(List<Histogram> histograms) {}

  default void onBiasShift(List<BiasShiftRecord> layers) {}
}
