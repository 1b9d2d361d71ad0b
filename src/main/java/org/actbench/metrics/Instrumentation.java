package org.actbench.metrics;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Network;
import org.actbench.engine.train.BiasShift;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.Histograms;
import org.actbench.engine.train.StepMeasurement;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingLoop;
import org.actbench.engine.train.TrainingSink;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures a run as it trains: on logged steps the unit-mean drift of the step's batch with dead
 * and saturated shares, on histogram steps the histograms, every K steps the bias shift on the
 * probe batch. The training loop calls it on the training thread after each step's record (after
 * the optimiser's step), and it reports its records to the run's {@link TrainingSink}. It never
 * changes what training computes.
 *
 * <p>On the oneDNN path activations stay in the primitives' layouts and fused activations leave no
 * pre-activation behind, so after each step it asks the binding to observe the next step only if
 * that step is measured ({@link Network.Bound#observe}).
 */
public final class Instrumentation implements StepMeasurement {
  private final UnitMeanDrift drift;
  private final BiasShiftProbe probe; // null if never
  private final Network.Bound bound; // the training binding, whose passes are observed or not
  private final MeasurementBudget budget;
  private final boolean corrected; // every pass is observed for the correction: none is extra
  private long measuredUntil = -1; // nanoTime at the end of the last step's measurements
  private boolean observing; // whether the coming step's pass is observed for the measurements

  /**
   * @param batch the training batch size (whose binding holds each step's activations)
   * @param probeImages the probe batch, [P, 3, 32, 32]; with {@code probeLabels} [P, K]
   * @param correction what training does to each gradient (the probe measures the update taken)
   * @param endStep the run's last step, by which the budget is to be kept (0: unknown)
   */
  public Instrumentation(
      TrainingLoop loop,
      int batch,
      MetricsSettings settings,
      INDArray probeImages,
      INDArray probeLabels,
      long seed,
      GradientCorrection correction,
      long endStep) {
    this.budget = new MeasurementBudget(settings, endStep);
    this.corrected = correction != GradientCorrection.NONE;
    this.bound = loop.trainingStep().bound(batch);
    this.drift = new UnitMeanDrift(loop.network(), bound, settings.bins());
    this.probe =
        settings.probe().every() > 0
            ? new BiasShiftProbe(
                loop.network(), probeImages, probeLabels, settings.probe(), seed, correction)
            : null;
  }

  @Override
  public void measure(StepRecord step, TrainingSink sink) {
    long began = System.nanoTime();
    if (measuredUntil >= 0) {
      budget.stepTook(began - measuredUntil, observing && !corrected);
    }
    long s = step.step();
    boolean reads = reads(s);
    boolean logged = budget.logged(s); // decided before the budget may change the intervals
    if (reads) {
      List<Histogram> histograms = budget.histogramAt(s) ? new ArrayList<>() : null;
      sink.accept(drift.measure(s, logged, histograms));
      if (histograms != null) {
        sink.accept(new Histograms(s, histograms));
      }
    }
    long probed = System.nanoTime();
    boolean probes = probe != null && budget.probeAt(s);
    if (probes) {
      sink.accept(new BiasShift(s, probe.measure(s)));
    }
    long end = System.nanoTime();
    budget.measured(s, probed - began, end - probed, reads, probes);
    if (logged || s % MeasurementBudget.REPORT_EVERY == 0) { // the window hears of it now and then
      sink.accept(budget.report(s));
    }
    observing = reads(s + 1);
    bound.observe(observing);
    measuredUntil = System.nanoTime();
  }

  /** Whether step s's activations are read: logged and histogram steps. */
  private boolean reads(long s) {
    return budget.logged(s) || budget.histogramAt(s);
  }
}
