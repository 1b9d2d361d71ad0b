package org.actbench.engine.train;

/**
 * What a run's measurements cost so far and the intervals they use from {@code step} on ({@code
 * metrics.MeasurementBudget}).
 *
 * @param overheadPercent time measuring (drift, histograms, probe, and the slower observed passes
 *     they need) over the time plain steps would have taken, in percent, since the run (or its
 *     resumption) started; NaN until there is a plain step to compare with
 * @param budgetPercent the budget, NaN for none (fixed intervals)
 * @param probes probes run since the run (or its resumption) started
 * @param probeSteps what one probe costs in plain steps (the median of the last ones, or the
 *     budget's prior before any), NaN while unknown or with no probe
 */
public record MeasureCost(
    long step,
    double overheadPercent,
    double budgetPercent,
    int logEvery,
    int histogramEvery,
    int probeEvery,
    int probes,
    double probeSteps)
    implements TrainingEvent {}
