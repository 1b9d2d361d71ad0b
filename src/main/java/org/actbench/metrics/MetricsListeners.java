package org.actbench.metrics;

import java.util.List;

/** Several {@link MetricsListener}s called in order. */
public record MetricsListeners(List<MetricsListener> listeners) implements MetricsListener {
  public static MetricsListener of(MetricsListener... listeners) {
    return new MetricsListeners(List.of(listeners));
  }

  @Override
  public void onDrift(DriftRecord drift) {
    listeners.forEach(l -> l.onDrift(drift));
  }

  @Override
  public void onHistograms(List<Histogram> histograms) {
    listeners.forEach(l -> l.onHistograms(histograms));
  }

  @Override
  public void onBiasShift(List<BiasShiftRecord> layers) {
    listeners.forEach(l -> l.onBiasShift(layers));
  }
}
