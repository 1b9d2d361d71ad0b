package org.actbench.engine.train;

/**
 * Everything a run reports while it trains, as values: the closed set of what flows from the
 * training thread to a {@link TrainingSink} (files, checkpoints, the window, the command line).
 *
 * <p>Order per step: {@link StepRecord}; then that step's measurements where it is measured ({@link
 * DriftRecord}, {@link Histograms}, {@link BiasShift}); then at evaluation steps an {@link
 * EvalRecord}; then {@link StepEnd} once everything about the step has been reported and the
 * parameters are finite there (the place for checkpoints). A {@link SettingChange} comes before the
 * {@link StepRecord} of the first step it applies to. Last, once: the {@link RunResult}.
 */
public sealed interface TrainingEvent
    permits StepRecord,
        EvalRecord,
        StepEnd,
        DriftRecord,
        Histograms,
        BiasShift,
        SettingChange,
        MeasureCost,
        RunResult {}
