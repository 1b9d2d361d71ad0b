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
 * Measures a run as it trains: on logged steps the unit means of the step's batch, on histogram
 * steps also the dead and saturated shares, the moments and the histograms, every K steps the bias
 * shift, on the step's own batch ({@link StepProbe}) or the probe batch ({@link BiasShiftProbe}).
 * The training loop calls it on the training thread after each step's record (after the optimiser's
 * step), and it reports its records to the run's {@link TrainingSink}. It never changes what
 * training computes.
 *
 * <p>On the oneDNN path activations stay in the primitives' layouts and fused activations leave no
 * pre-activation behind. Unit means are read in those layouts ({@link
 * org.actbench.engine.ChannelMeans}); after each step it asks the binding to observe the next step
 * only if that step's histograms need every value in plain layout ({@link Network.Bound#observe}).
 */
public final class Instrumentation implements StepMeasurement {
  private final UnitMeanDrift drift;
  private final BiasShiftProbe probe; // on the probe batch; null if never or on the step
  private final StepProbe stepProbe; // on the step's own batch; null if never or on the probe
  private final Network.Bound bound; // the training binding, whose passes are observed or not
  private final MeasurementBudget budget;
  private final boolean corrected; // every pass is observed for the correction: none is extra
  private long measuredUntil = -1; // nanoTime at the end of the last step's measurements
  private boolean observing; // whether the coming step's pass is observed for the measurements

  /**
   * @param batch the training batch size (whose binding holds each step's activations)
   * @param probeImages the probe batch, [P, 3, 32, 32]; with {@code probeLabels} [P, K]
   * @param correction what training does to each gradient (the probe measures the update taken)
   * @param startStep the step training starts after (0, or a resumed run's checkpoint)
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
      long startStep,
      long endStep) {
    this.budget = new MeasurementBudget(settings, endStep);
    this.corrected = correction != GradientCorrection.NONE;
    this.bound = loop.trainingStep().bound(batch);
    this.drift = new UnitMeanDrift(loop.network(), bound, settings.bins());
    boolean probes = settings.probe().every() > 0;
    this.probe =
        probes && !settings.probe().onStep()
            ? new BiasShiftProbe(
                loop.network(), probeImages, probeLabels, settings.probe(), seed, correction)
            : null;
    this.stepProbe =
        probes && settings.probe().onStep()
            ? new StepProbe(loop.network(), bound, settings.probe(), seed, correction)
            : null;
    if (stepProbe != null) {
      loop.trainingStep().tapGradients(stepProbe);
      stepProbe.arm(budget.probeAt(startStep + 1));
    }
    observing = budget.histogramAt(startStep + 1); // a binding's passes start observed
    bound.observe(observing);
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
    boolean histogram = budget.histogramAt(s);
    if (reads) {
      List<Histogram> histograms = histogram ? new ArrayList<>() : null;
      sink.accept(drift.measure(s, logged, histograms));
      if (histograms != null) {
        sink.accept(new Histograms(s, histograms));
      }
    }
    long probed = System.nanoTime();
    boolean probes = (probe != null || stepProbe != null) && budget.probeAt(s);
    if (probes) {
      sink.accept(new BiasShift(s, probe != null ? probe.measure(s) : stepProbe.measure(s)));
    }
    long end = System.nanoTime();
    budget.measured(s, probed - began, end - probed, reads, reads && histogram, probes);
    if (logged || s % MeasurementBudget.REPORT_EVERY == 0) { // the window hears of it now and then
      sink.accept(budget.report(s));
    }
    observing = budget.histogramAt(s + 1); // unit means read the blocked layout: rows need no copy
    bound.observe(observing);
    if (stepProbe != null) {
      stepProbe.arm(budget.probeAt(s + 1)); // its gradients are copied before the update
    }
    measuredUntil = System.nanoTime();
  }

  /**
   * Whether step s's activations are read: logged and histogram steps. Only histogram steps need an
   * observed pass (a plain copy of every activation); unit means are read in place.
   */
  private boolean reads(long s) {
    return budget.logged(s) || budget.histogramAt(s);
  }
}
