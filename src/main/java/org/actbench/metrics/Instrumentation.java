package org.actbench.metrics;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingListener;
import org.actbench.engine.train.TrainingLoop;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures a run as it trains: after every step the unit-mean drift of the step's batch, on logged
 * steps dead and saturated shares and histograms, every K steps the bias shift on the probe batch.
 * It runs on the training thread inside {@link TrainingListener#onStep}, after the optimiser's step,
 * and hands its records to a {@link MetricsListener}. It never changes what training computes.
 */
public final class Instrumentation implements TrainingListener {
  private final MetricsSettings settings;
  private final UnitMeanDrift drift;
  private final BiasShiftProbe probe; // null if never
  private final MetricsListener out;

  /**
   * @param batch the training batch size (whose binding holds each step's activations)
   * @param probeImages the probe batch, [P, 3, 32, 32]; with {@code probeLabels} [P, K]
   */
  public Instrumentation(
      TrainingLoop loop,
      int batch,
      MetricsSettings settings,
      INDArray probeImages,
      INDArray probeLabels,
      long seed,
      MetricsListener out) {
    this.settings = settings;
    this.out = out;
    this.drift =
        new UnitMeanDrift(loop.network(), loop.trainingStep().bound(batch), settings.bins());
    this.probe =
        settings.probe().every() > 0
            ? new BiasShiftProbe(loop.network(), probeImages, probeLabels, settings.probe(), seed)
            : null;
  }

  @Override
  public void onStep(StepRecord step) {
    long s = step.step();
    List<Histogram> histograms = settings.histogramAt(s) ? new ArrayList<>() : null;
    out.onDrift(drift.measure(s, settings.logged(s), histograms));
    if (histograms != null) {
      out.onHistograms(histograms);
    }
    if (probe != null && settings.probe().at(s)) {
      out.onBiasShift(probe.measure(s));
    }
  }
}
