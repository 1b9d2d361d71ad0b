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
import org.actbench.metrics.Instrumentation;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.metrics.Quantiles;
import org.actbench.metrics.UnitMeanDrift;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What measuring costs, on the reference network with random data: plain steps and steps measured
 * as {@link Instrumentation} measures them (observed passes and the unit-mean drift on logged and
 * histogram steps), alternating step by step (so the machine's drifting speed hits both alike), and
 * the bias-shift probe timed on its own once per round.
 */
public final class InstrumentationBenchmark {
  private InstrumentationBenchmark() {}

  /**
   * @param plainStepMillis median over blocks of the mean step without measurements
   * @param measuredStepMillis median over blocks of the mean step measured as in a run (a block
   *     holds logged and histogram steps at the default intervals)
   * @param driftMillis median time of one drift measurement (a logged step's)
   * @param probeMillis median time of one bias-shift probe, per probe setting asked for
   */
  public record Result(
      double plainStepMillis,
      double measuredStepMillis,
      double driftMillis,
      List<Double> probeMillis,
      int defaultK) {
    /** Drift cost as a share of a plain step, from the alternating blocks. */
    public double driftOverhead() {
      return measuredStepMillis / plainStepMillis - 1;
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
    List<Double> measured = new ArrayList<>();
    List<Double> driftOnly = new ArrayList<>();
    long counter = 0;
    for (int r = 0; r < rounds; r++) {
      double plainSum = 0;
      double measuredSum = 0;
      for (int i = 0;
          i < block;
          i++) { // a plain step, then a measured one: both see the same noise
        bound.observe(false);
        long t0 = System.nanoTime();
        step.train(x, y, 0.01, null);
        plainSum += (System.nanoTime() - t0) / 1e6;
        counter++;
        boolean reads = settings.logged(counter) || settings.histogramAt(counter);
        bound.observe(reads);
        t0 = System.nanoTime();
        step.train(x, y, 0.01, null);
        long t1 = System.nanoTime();
        if (reads) {
          List<Histogram> h = settings.histogramAt(counter) ? new ArrayList<>() : null;
          drift.measure(counter, settings.logged(counter), h);
          driftOnly.add((System.nanoTime() - t1) / 1e6);
        }
        measuredSum += (System.nanoTime() - t0) / 1e6;
      }
      plain.add(plainSum / block);
      measured.add(measuredSum / block);
      for (int p = 0; p < probers.size(); p++) { // one after the other, each round
        long t0 = System.nanoTime();
        probers.get(p).measure(counter);
        probes.get(p).add((System.nanoTime() - t0) / 1e6);
      }
    }
    return new Result(
        median(plain),
        median(measured),
        median(driftOnly),
        probes.stream().map(InstrumentationBenchmark::median).toList(),
        settings.probe().every());
  }

  static double median(List<Double> values) {
    return Quantiles.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
