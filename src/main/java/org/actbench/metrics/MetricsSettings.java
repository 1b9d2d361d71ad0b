package org.actbench.metrics;

import org.actbench.engine.InvalidField;

/**
 * What {@link Instrumentation} measures and how often.
 *
 * @param logEvery unit means (with dead and saturated shares) are measured and logged every so many
 *     steps
 * @param histogramEvery histograms every so many steps (a multiple of logEvery makes sense)
 * @param bins histogram bins
 * @param probe the bias-shift probe
 */
public record MetricsSettings(int logEvery, int histogramEvery, int bins, ProbeSettings probe) {
  public MetricsSettings {
    InvalidField.inRange(logEvery, 1, Integer.MAX_VALUE, "logEvery");
    InvalidField.inRange(histogramEvery, 0, Integer.MAX_VALUE, "histogramEvery");
    InvalidField.inRange(bins, 2, 1000, "bins");
    if (probe == null) {
      probe = ProbeSettings.defaults();
    }
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(10, 100, 50, ProbeSettings.defaults());
  }

  /**
   * Whether rows are written for {@code step}: every logEvery steps, the first, and probe steps.
   */
  public boolean logged(long step) {
    return step == 1 || step % logEvery == 0 || probe.at(step);
  }

  public boolean histogramAt(long step) {
    return histogramEvery > 0 && (step == 1 || step % histogramEvery == 0);
  }
}
