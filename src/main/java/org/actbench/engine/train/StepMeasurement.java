package org.actbench.engine.train;

/**
 * Measures the network right after a step's update, on the training thread, and reports what it
 * measured to the sink ({@code metrics.Instrumentation}: unit-mean drift, histograms, bias shift).
 * Called after the step's {@link StepRecord} and before its evaluation, so the window shows a loss
 * as soon as there is one, not after the first probe.
 */
@FunctionalInterface
public interface StepMeasurement {
  /** Measures nothing. */
  StepMeasurement NONE = (step, sink) -> {};

  void measure(StepRecord step, TrainingSink sink);
}
