package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.onednn.Dnnl;
import org.actbench.engine.optim.Sgd;
import org.actbench.engine.train.BiasShiftRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The probe on the step's own batch against the exact shared-covariance computation on the same
 * step ({@link UnitNaturalGradient#compute} on every row of the plain copies an observed pass
 * leaves): equal to float precision with every row, and nearer as the rows drawn grow.
 */
class StepProbeTest {
  static final int BATCH = 8;

  /** conv1(8) pool conv2(16) pool conv3(32) pool fc: conv2 (d 72), conv3 (d 144), fc (d 512). */
  static NetworkSpec net(String activation) {
    return NetworkSpec.plain(3, 8, List.of(ActivationSpec.of(activation)), false, 0);
  }

  /** One probed step: the step probe's records and the exact ones from the same pass. */
  record Both(List<BiasShiftRecord> step, List<BiasShiftRecord> exact) {}

  static Both probe(Kernels kernels, String activation, int maxRows, long seed) {
    Network net = Network.build(net(activation), 5, kernels);
    TrainingStep step = new TrainingStep(net, new Sgd(0.9, false, 0));
    INDArray[] xy = ReferenceBenchmark.randomBatch(BATCH);
    step.train(xy[0], xy[1], 0.01, null); // binds (observed)
    Network.Bound bound = step.bound(BATCH);
    ProbeSettings settings =
        new ProbeSettings(1, 2, "empirical", "shared", 1e-3, maxRows, ProbeSettings.STEP);
    StepProbe probe = new StepProbe(net, bound, settings, seed, GradientCorrection.NONE);
    step.tapGradients(probe);
    probe.arm(true);
    step.train(xy[0], xy[1], 0.01, null); // observed: the plain copies below are this pass's
    List<BiasShiftRecord> fromStep = probe.measure(2);
    List<BiasShiftRecord> exact = new ArrayList<>();
    List<Layer> layers = net.layers();
    for (int i = 1; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (!BiasShiftProbe.receivers(net).containsValue(layer.name())) {
        continue;
      }
      INDArray x = bound.layers().get(i - 1).y();
      INDArray dLdy = bound.layers().get(i).dLdy();
      LayerSamples rows =
          layer instanceof Conv2d conv
              ? LayerSamples.conv(conv, x, dLdy, Integer.MAX_VALUE, 1)
              : LayerSamples.dense(x, dLdy);
      UnitNaturalGradient.Result r =
          UnitNaturalGradient.compute(
              rows.a(), rows.delta(), UnitNaturalGradient.Covariance.SHARED, 1e-3);
      double[][] mu = {r.mu()[0]};
      double[][] g = {flatten(r.g()), r.g0()};
      exact.add(BiasShiftProbe.medians(2, layer.name(), r, BiasShiftProbe.taken(mu, g, g)));
    }
    return new Both(fromStep, exact);
  }

  static double[] flatten(double[][] rows) {
    int d = rows[0].length;
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nd4j", "onednn"})
  void withEveryRowItEqualsTheExactComputationOnTheSameStep(String kernelId) {
    Kernels kernels = Kernels.parse(kernelId);
    Assumptions.assumeTrue(kernels == Kernels.ND4J || Dnnl.available(), "no oneDNN here");
    for (String activation : List.of("elu", "relu")) {
      Both both = probe(kernels, activation, Integer.MAX_VALUE, 1);
      assertThat(both.step())
          .extracting(BiasShiftRecord::layer)
          .containsExactly("conv2", "conv3", "fc1");
      for (int l = 0; l < both.exact().size(); l++) {
        BiasShiftRecord s = both.step().get(l);
        BiasShiftRecord e = both.exact().get(l);
        String what = kernelId + " " + activation + " " + e.layer();
        // fc1 has 8 rows for 512 inputs: Σ⁻¹ works on the R x R side, where 1/ε ≈ 7·10⁴ times
        // the largest eigenvalue amplifies the float rounding of the engine's dL/dW (the exact
        // computation forms g from the same float values in double): cosines agree to about 10⁻²
        double loose = e.layer().equals("fc1") ? 0.1 : 1e-3;
        assertThat(s.rho()).as(what + " rho").isCloseTo(e.rho(), offset(1e-4));
        assertThat(s.cosine()).as(what + " cosine").isCloseTo(e.cosine(), offset(loose));
        assertThat(s.shiftRatio())
            .as(what + " shift ratio")
            .isCloseTo(e.shiftRatio(), offset(loose * (1 + Math.abs(e.shiftRatio()))));
        assertThat(s.muNorm())
            .as(what + " mu")
            .isCloseTo(e.muNorm(), offset(1e-5 * (1 + e.muNorm())));
        assertThat(s.takenRho()).as(what + " taken rho").isCloseTo(e.takenRho(), offset(1e-4));
      }
    }
  }

  @Test
  void fewerRowsEstimateTheSameQuantitiesAndNearThemAsRowsGrow() {
    int[] rows = {96, 384, 1536}; // of conv2's 2,048 (example, position) rows
    double[] cosineError = new double[rows.length];
    double[] rhoError = new double[rows.length];
    int seeds = 6;
    for (int k = 0; k < rows.length; k++) {
      for (long seed = 1; seed <= seeds; seed++) {
        Both both = probe(Kernels.ND4J, "relu", rows[k], seed);
        BiasShiftRecord s = both.step().get(0);
        BiasShiftRecord e = both.exact().get(0);
        cosineError[k] += Math.abs(s.cosine() - e.cosine()) / seeds;
        rhoError[k] += Math.abs(s.rho() - e.rho()) / seeds;
      }
    }
    assertThat(cosineError[2]).isLessThan(cosineError[0]);
    assertThat(rhoError[2]).isLessThan(rhoError[0]);
    assertThat(cosineError[2]).isLessThan(0.05);
    assertThat(rhoError[2]).isLessThan(0.02);
    System.out.printf(
        "conv2, mean |error| over %d draws: rows %s cosine %s rho %s%n",
        seeds,
        java.util.Arrays.toString(rows),
        java.util.Arrays.toString(cosineError),
        java.util.Arrays.toString(rhoError));
  }
}
