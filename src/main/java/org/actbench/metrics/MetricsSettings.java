package org.actbench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.actbench.engine.InvalidField;

/**
 * What {@link Instrumentation} measures and how often.
 *
 * @param logEvery unit means are measured and logged every so many steps
 * @param histogramEvery histograms, with the dead and saturated shares and the moments, every so
 *     many steps (a multiple of logEvery makes sense)
 * @param bins histogram bins
 * @param probe the bias-shift probe
 * @param measureBudget at most this share of training time, in percent, for the measurements: the
 *     run times them against its plain steps and widens the logging, histogram and probe intervals
 *     (never below the ones above, which are the densest allowed) to stay within it ({@link
 *     MeasurementBudget}); null for none, the intervals above as they are (spec files from before
 *     it)
 */
public record MetricsSettings(
    int logEvery,
    int histogramEvery,
    int bins,
    ProbeSettings probe,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double measureBudget) {
  public MetricsSettings {
    InvalidField.inRange(logEvery, 1, Integer.MAX_VALUE, "logEvery");
    InvalidField.inRange(histogramEvery, 0, Integer.MAX_VALUE, "histogramEvery");
    InvalidField.inRange(bins, 2, 1000, "bins");
    if (probe == null) {
      probe = ProbeSettings.defaults();
    }
    if (measureBudget != null) {
      InvalidField.positive(measureBudget, 100, "measureBudget");
    }
  }

  /** Fixed intervals, no budget. */
  public MetricsSettings(int logEvery, int histogramEvery, int bins, ProbeSettings probe) {
    this(logEvery, histogramEvery, bins, probe, null);
  }

  /**
   * The budget new runs get from the command line and the form: 15 % of training time, what unit
   * means at every step (2–3 % of a step), histograms every 100 steps (an observed pass and a host
   * pass, 1.6–1.8 plain steps each: under 2 %) and the probe on the step's batch every 10 steps
   * (about a plain step each, warm: 10 %) cost on the shipped nets (docs/performance.md).
   */
  public static final double DEFAULT_BUDGET = 15;

  /** These intervals within {@code percent} of training time (null: fixed). */
  public MetricsSettings withBudget(Double percent) {
    return new MetricsSettings(logEvery, histogramEvery, bins, probe, percent);
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(1, 100, 50, ProbeSettings.defaults());
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
