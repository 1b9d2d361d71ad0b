package org.actbench.engine.train;

/**
 * What a run's measurements cost so far and the intervals they use from {@code step} on ({@code
 * metrics.MeasurementBudget}).
 *
 * @param overheadPercent time measuring (drift, histograms, probe, and the slower observed passes
 *     they need) over the time plain steps would have taken, in percent, since the run (or its
 *     resumption) started; NaN until there is a plain step to compare with
 * @param budgetPercent the budget, NaN for none (fixed intervals)
 */
public record MeasureCost(
    long step,
    double overheadPercent,
    double budgetPercent,
    int logEvery,
    int histogramEvery,
    int probeEvery)
    implements TrainingEvent {}
