package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Init;
import org.actbench.engine.LayerSpec;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Param;
import org.actbench.engine.SoftmaxCrossEntropy;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.metrics.UnitNaturalGradient.Covariance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bias-shift correction does what it claims, on random data through a small ReLU net in double
 * precision (a same-padded conv, a strided one, two dense layers): a corrected step moves each
 * unit's mean net input by −η g₀, the natural step's change (c times it), where the plain step
 * moves it by −η(μᵀg + g₀); and the probe finds no bias-shift term in the corrected update.
 */
class BiasShiftCorrectionTest {
  static final int N = 6;
  static final double ETA = 0.1;

  /** 3×32×32 → conv 4 → ReLU → conv 4 stride 2 → ReLU → 5 → ReLU → 10. */
  static Network tinyRelu() {
    LayerSpec relu = new LayerSpec.Act(ActivationSpec.of("relu"));
    return Network.build(
        new NetworkSpec(
            List.of(
                new LayerSpec.Conv(4, 3, 1, true),
                relu,
                new LayerSpec.Conv(4, 3, 2, true),
                relu,
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(5),
                relu,
                new LayerSpec.Dense(10)),
            Init.HE,
            10),
        11,
        DataType.DOUBLE);
  }

  static INDArray images(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, n, 3, 32, 32).addi(0.5); // inputs with a non-zero mean
  }

  /** Forward and backward of a batch on the network's binding for its size. */
  static Network.Bound pass(Network net, INDArray x, INDArray y) {
    Network.Bound pass = net.bind(x.size(0));
    pass.input().assign(x);
    pass.forward(true);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(pass.logits(), y.dup(), pass.dLogits());
    loss.forward();
    loss.backward();
    pass.backward();
    return pass;
  }

  @ParameterizedTest
  @EnumSource(Covariance.class)
  void aCorrectedStepMovesTheMeanNetInputAsTheNaturalStepDoes(Covariance covariance) {
    Network net = tinyRelu();
    Network.Bound pass = pass(net, images(N, 3), MetricsOnNetworksTest.oneHot(N, 4));
    List<Layer> layers = net.layers();
    Set<String> receivers = Set.copyOf(BiasShiftProbe.receivers(net).values());
    assertThat(receivers).hasSize(3); // conv2, fc1 after the flatten, fc2
    List<Integer> measured = new ArrayList<>();
    List<INDArray[]> before = new ArrayList<>(); // x, dLdy, plain W grad, plain b grad
    for (int i = 1; i < layers.size(); i++) {
      if (receivers.contains(layers.get(i).name())) {
        measured.add(i);
        List<Param> p = layers.get(i).params();
        before.add(
            new INDArray[] {
              pass.layers().get(i - 1).y().dup(),
              pass.layers().get(i).dLdy().dup(),
              p.get(0).grad().dup(),
              p.get(1).grad().dup()
            });
      }
    }
    new BiasShiftCorrection(net, covariance).correct(pass);

    for (int l = 0; l < measured.size(); l++) {
      int i = measured.get(l);
      Layer layer = layers.get(i);
      INDArray x = before.get(l)[0];
      INDArray dLdy = before.get(l)[1];
      INDArray plainW = before.get(l)[2];
      INDArray plainB = before.get(l)[3];
      INDArray takenW = layer.params().get(0).grad().dup();
      INDArray takenB = layer.params().get(1).grad().dup();
      LayerSamples samples =
          layer instanceof Conv2d conv
              ? LayerSamples.conv(conv, x, dLdy, Integer.MAX_VALUE, 1)
              : LayerSamples.dense(x, dLdy);
      UnitNaturalGradient.Result r =
          UnitNaturalGradient.compute(samples.a(), samples.delta(), covariance, 1e-3);
      double positions = (double) samples.rows() / N; // a conv's gradients sum over these

      double[] start = meanNet(net, pass, i, dLdy, covariance);
      double[] corrected = meanNetAfter(net, pass, i, takenW, takenB, dLdy, covariance);
      double[] plain = meanNetAfter(net, pass, i, plainW, plainB, dLdy, covariance);
      int shifted = 0;
      for (int o = 0; o < r.units(); o++) {
        double g0 = r.g0()[o];
        double muG = dot(r.mu(), r.gTilde(), o);
        double natural = -ETA * positions * r.c()[o] * (muG + r.g0Tilde()[o]);
        double moved = corrected[o] - start[o];
        double scale = Math.abs(moved) + 1e-12;
        assertThat(moved)
            .as("%s unit %d", layer.name(), o)
            .isCloseTo(-ETA * positions * g0, within(1e-9 * scale));
        // μᵀg̃ and g̃₀ nearly cancel where the layer has fewer samples than inputs (fc1)
        double cancelled = ETA * positions * r.c()[o] * (Math.abs(muG) + Math.abs(r.g0Tilde()[o]));
        assertThat(moved)
            .as("%s unit %d: the natural step's", layer.name(), o)
            .isCloseTo(natural, within(1e-9 * (scale + cancelled)));
        double plainMove = -ETA * positions * (r.biasShift(o) + g0);
        assertThat(plain[o] - start[o])
            .as("%s unit %d: the plain step's", layer.name(), o)
            .isCloseTo(plainMove, within(1e-9 * (Math.abs(plainMove) + 1e-12)));
        if (Math.abs(plainMove - moved) > 0.01 * Math.abs(plainMove)) {
          shifted++;
        }
      }
      assertThat(shifted)
          .as("%s: units whose plain step shifts their mean", layer.name())
          .isGreaterThan(r.units() / 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Covariance.class)
  void theProbeFindsNoBiasShiftInTheCorrectedUpdateAndTheSameRhoInTheGradient(Covariance c) {
    Network net = tinyRelu();
    int p = 4;
    INDArray x = images(p, 5);
    INDArray y = MetricsOnNetworksTest.oneHot(p, 6);
    ProbeSettings settings = new ProbeSettings(1, p, "empirical", c.name(), 1e-3, 1_000_000);
    List<BiasShiftRecord> plain = new BiasShiftProbe(net, x, y, settings, 1).measure(1);
    List<BiasShiftRecord> corrected =
        new BiasShiftProbe(net, x, y, settings, 1, new BiasShiftCorrection(net, c)).measure(1);
    assertThat(corrected).hasSize(3);
    for (int l = 0; l < corrected.size(); l++) {
      BiasShiftRecord before = plain.get(l);
      BiasShiftRecord after = corrected.get(l);
      assertThat(before.rho()).as(before.layer()).isGreaterThan(0.05);
      assertThat(before.takenRho()).as(before.layer()).isCloseTo(before.rho(), within(1e-9));
      assertThat(after.rho()).as("the gradient's ρ is the same").isEqualTo(before.rho());
      assertThat(after.takenRho()).as(after.layer()).isLessThan(1e-9);
      assertThat(after.takenMeanRatio()).as(after.layer()).isCloseTo(1.0, within(1e-9));
      assertThat(Math.abs(before.takenMeanRatio() - 1)).as(before.layer()).isGreaterThan(0.05);
    }
  }

  static double dot(double[][] a, double[][] b, int row) {
    double sum = 0;
    for (int j = 0; j < a[row].length; j++) {
      sum += a[row][j] * b[row][j];
    }
    return sum;
  }

  /** Layer i's weights and bias stepped by −η times the given gradients; then put back. */
  static double[] meanNetAfter(
      Network net,
      Network.Bound pass,
      int i,
      INDArray gradW,
      INDArray gradB,
      INDArray dLdy,
      Covariance covariance) {
    List<Param> params = net.layers().get(i).params();
    INDArray w = params.get(0).value().dup();
    INDArray b = params.get(1).value().dup();
    params.get(0).value().subi(gradW.mul(ETA));
    params.get(1).value().subi(gradB.mul(ETA));
    double[] moved = meanNet(net, pass, i, dLdy, covariance);
    params.get(0).value().assign(w);
    params.get(1).value().assign(b);
    return moved;
  }

  /**
   * Each unit's mean net input on the pass's batch, read from layer i's output after a forward: the
   * plain mean over examples and positions (shared) or the δ²-weighted one (unit).
   */
  static double[] meanNet(Network net, Network.Bound pass, int i, INDArray dLdy, Covariance c) {
    pass.forward(true); // no dropout, no BN: the same inputs reach layer i
    INDArray out = pass.layers().get(i).y();
    int m = (int) out.size(1);
    INDArray net3 = out.reshape(out.size(0), m, out.length() / (out.size(0) * m));
    INDArray d3 = dLdy.reshape(net3.shape());
    double[] mean = new double[m];
    for (int o = 0; o < m; o++) {
      INDArray values = net3.get(all(), point(o), all());
      INDArray weights =
          c == Covariance.SHARED
              ? Nd4j.onesLike(values)
              : d3.get(all(), point(o), all()).mul(d3.get(all(), point(o), all()));
      mean[o] = values.mul(weights).sumNumber().doubleValue() / weights.sumNumber().doubleValue();
    }
    return mean;
  }

  static org.nd4j.linalg.indexing.INDArrayIndex all() {
    return org.nd4j.linalg.indexing.NDArrayIndex.all();
  }

  static org.nd4j.linalg.indexing.INDArrayIndex point(int i) {
    return org.nd4j.linalg.indexing.NDArrayIndex.point(i);
  }
}
