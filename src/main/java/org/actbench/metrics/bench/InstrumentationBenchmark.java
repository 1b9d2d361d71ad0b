package org.actbench.metrics.bench;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.Init;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Threads;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.actbench.engine.optim.Sgd;
import org.actbench.engine.train.Histogram;
import org.actbench.metrics.BiasShiftProbe;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.metrics.Quantiles;
import org.actbench.metrics.StepProbe;
import org.actbench.metrics.UnitMeanDrift;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What measuring costs, on the reference network with random data: a block of plain steps and a
 * block of steps each followed by a row of unit means (read in place, no observed pass), as a run
 * measures them, the order of the blocks swapped every round (so the machine's drifting speed hits
 * both alike; alternating single steps made whichever step followed another directly 20–40 %
 * slower, whatever came between); once per round a histogram step (an observed pass and the host
 * pass over every value: dead and saturated shares, moments, histograms) and the bias-shift probe.
 */
public final class InstrumentationBenchmark {
  private InstrumentationBenchmark() {}

  /**
   * @param plainStepMillis median over blocks of the mean step without measurements
   * @param rowStepMillis median over blocks of the mean step followed by a row of unit means
   * @param rowMillis median time of one row of unit means alone
   * @param histogramStepMillis median time of an observed step with its histogram measurement
   * @param probeMillis median time of one bias-shift probe, per probe setting asked for
   * @param stepProbeMillis median time of the default probe on the step's own batch
   * @param defaultK the default probe interval
   */
  public record Result(
      double plainStepMillis,
      double rowStepMillis,
      double rowMillis,
      double histogramStepMillis,
      List<Double> probeMillis,
      double stepProbeMillis,
      int defaultK) {
    /** A row's cost as a share of a plain step, from the alternating blocks. */
    public double rowOverhead() {
      return rowStepMillis / plainStepMillis - 1;
    }

    /** What a histogram step costs over a plain step, in plain steps. */
    public double histogramSteps() {
      return histogramStepMillis / plainStepMillis - 1;
    }

    /** Probe {@code i}'s cost per step at the default K, as a share of a plain step. */
    public double probeOverhead(int i) {
      return probeMillis.get(i) / defaultK / plainStepMillis;
    }

    /** The smallest K that keeps probe {@code i} under {@code share} of training time. */
    public int smallestK(int i, double share) {
      return (int) Math.ceil(probeMillis.get(i) / (share * plainStepMillis));
    }
  }

  /**
   * @param probeSettings the probe settings to time, each once per round (their intervals unused)
   */
  public static Result run(
      NetworkSpec spec,
      Kernels kernels,
      int batch,
      int rounds,
      int block,
      int threads,
      List<ProbeSettings> probeSettings) {
    Threads.set(threads);
    // LeCun's scale keeps 100+ steps on one random batch finite (He's diverges at this rate)
    Network network = Network.build(spec.withInit(Init.LECUN), 0, kernels);
    TrainingStep step = new TrainingStep(network, new Sgd(0.9, false, 0));
    INDArray[] xy = ReferenceBenchmark.randomBatch(batch);
    INDArray x = xy[0];
    INDArray y = xy[1];
    MetricsSettings settings = MetricsSettings.defaults();
    for (int i = 0; i < 5; i++) {
      step.train(x, y, 0.01, null);
    }
    Network.Bound bound = step.bound(batch);
    UnitMeanDrift drift = new UnitMeanDrift(network, bound, settings.bins());
    List<BiasShiftProbe> probers = new ArrayList<>();
    List<List<Double>> probes = new ArrayList<>();
    for (ProbeSettings p : probeSettings) {
      int size = Math.min(batch, p.size());
      BiasShiftProbe probe =
          new BiasShiftProbe(
              network,
              x.get(NDArrayIndex.interval(0, size)),
              y.get(NDArrayIndex.interval(0, size)),
              p,
              1);
      probe.measure(1); // warm
      probers.add(probe);
      probes.add(new ArrayList<>());
    }
    List<Double> plain = new ArrayList<>();
    List<Double> withRow = new ArrayList<>();
    List<Double> rowOnly = new ArrayList<>();
    List<Double> histogramSteps = new ArrayList<>();
    List<Double> stepProbes = new ArrayList<>();
    StepProbe stepProbe = StepProbe.forBenchmark(network, bound, settings.probe(), 1, step);
    long counter = 0;
    for (int r = -1; r < rounds; r++) { // round -1 warms the rows and the histogram pass
      bound.observe(false);
      double plainSum = 0;
      double rowSum = 0;
      for (int half = 0; half < 2; half++) { // a block of each, the order swapped every round
        boolean rows = (half + r) % 2 == 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < block; i++) {
          step.train(x, y, 0.01, null);
          if (rows) {
            long t1 = System.nanoTime();
            drift.measure(++counter, true, null);
            rowOnly.add((System.nanoTime() - t1) / 1e6);
          }
        }
        double mean = (System.nanoTime() - t0) / 1e6 / block;
        if (rows) {
          rowSum = mean;
        } else {
          plainSum = mean;
        }
      }
      bound.observe(true);
      long t0 = System.nanoTime();
      step.train(x, y, 0.01, null);
      drift.measure(++counter, true, new ArrayList<Histogram>());
      double histogramStep = (System.nanoTime() - t0) / 1e6;
      bound.observe(false);
      if (r < 0) {
        rowOnly.clear();
      }
      stepProbe.arm(true);
      step.train(x, y, 0.01, null);
      stepProbe.arm(false);
      t0 = System.nanoTime();
      stepProbe.measure(counter);
      double stepProbeMillis = (System.nanoTime() - t0) / 1e6;
      if (r < 0) {
        continue;
      }
      stepProbes.add(stepProbeMillis);
      histogramSteps.add(histogramStep);
      plain.add(plainSum);
      withRow.add(rowSum);
      for (int p = 0; p < probers.size(); p++) { // one after the other, each round
        t0 = System.nanoTime();
        probers.get(p).measure(counter);
        probes.get(p).add((System.nanoTime() - t0) / 1e6);
      }
    }
    return new Result(
        median(plain),
        median(withRow),
        median(rowOnly),
        median(histogramSteps),
        probes.stream().map(InstrumentationBenchmark::median).toList(),
        median(stepProbes),
        settings.probe().every());
  }

  static double median(List<Double> values) {
    return Quantiles.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
