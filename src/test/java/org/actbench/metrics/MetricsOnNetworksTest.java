package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Init;
import org.actbench.engine.LayerSpec;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.SoftmaxCrossEntropy;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.LayerDrift;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The measurements on real (small) networks, against direct computations. */
class MetricsOnNetworksTest {

  static INDArray oneHot(int n, long seed) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, r.nextInt(10), 1.0);
    }
    return y;
  }

  /** A tiny dense network in double precision: 3072 → 4 → ELU → 3 → ELU → 10. */
  static Network tinyDense() {
    LayerSpec elu = new LayerSpec.Act(ActivationSpec.of("elu"));
    return Network.build(
        new NetworkSpec(
            List.of(
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(4),
                elu,
                new LayerSpec.Dense(3),
                elu,
                new LayerSpec.Dense(10)),
            Init.HE,
            10),
        5,
        DataType.DOUBLE);
  }

  @Test
  void probeOnATinyNetworkEqualsTheBruteForceUnitFisherFromPerExampleBackprop() {
    Network net = tinyDense();
    int p = 12;
    Nd4j.getRandom().setSeed(3);
    INDArray images = Nd4j.randn(DataType.DOUBLE, p, 3, 32, 32);
    INDArray labels = oneHot(p, 4);
    double damping = 1e-3;
    for (String covariance : List.of("unit", "shared")) {
      BiasShiftProbe probe =
          new BiasShiftProbe(
              net,
              images,
              labels,
              new ProbeSettings(1, p, "empirical", covariance, damping, 10_000),
              1);
      List<BiasShiftRecord> records = probe.measure(1);
      assertThat(records).extracting(BiasShiftRecord::layer).containsExactly("fc2", "fc3");
      List<UnitNaturalGradient.Result> results = probe.lastResults();

      // Brute force: each example alone through the network (batch of one), its δ and input.
      int[] layerIndex = {3, 5}; // fc2, fc3 in the layer list
      for (int l = 0; l < 2; l++) {
        double[][] a = new double[p][];
        double[][] delta = new double[p][];
        Network.Bound one = net.bind(1);
        INDArray y = one.logits().like();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(one.logits(), y, one.dLogits());
        for (int n = 0; n < p; n++) {
          one.input()
              .assign(
                  images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).reshape(1, 3, 32, 32));
          y.assign(labels.getRow(n).reshape(1, 10));
          one.forward(false);
          loss.forward();
          loss.backward();
          one.backward();
          a[n] = one.layers().get(layerIndex[l] - 1).y().toDoubleVector();
          delta[n] = one.layers().get(layerIndex[l]).dLdy().toDoubleVector();
        }
        UnitNaturalGradient.Result r = results.get(l);
        UnitNaturalGradient.Covariance cov = UnitNaturalGradient.Covariance.parse(covariance);
        for (int i = 0; i < r.units(); i++) {
          double[] expected = UnitNaturalGradientTest.bruteForce(a, delta, i, cov, damping);
          int d = a[0].length;
          double[] actual = new double[d + 1];
          for (int j = 0; j < d; j++) {
            actual[j] = r.gTilde()[i][j];
          }
          actual[d] = r.g0Tilde()[i];
          assertThat(UnitNaturalGradientTest.relativeError(actual, expected))
              .as("%s layer %d unit %d", covariance, l, i)
              .isLessThan(1e-8);
        }
      }
    }
  }

  @Test
  void trueFisherDrawsLabelsFromTheModelAndDiffersFromTheEmpiricalOne() {
    Network net = tinyDense();
    Nd4j.getRandom().setSeed(6);
    INDArray images = Nd4j.randn(DataType.DOUBLE, 16, 3, 32, 32);
    INDArray labels = oneHot(16, 7);
    BiasShiftRecord empirical =
        new BiasShiftProbe(
                net, images, labels, new ProbeSettings(1, 16, "empirical", "shared", 1e-3, 100), 1)
            .measure(1)
            .get(0);
    BiasShiftProbe trueProbe =
        new BiasShiftProbe(
            net, images, labels, new ProbeSettings(1, 16, "true", "shared", 1e-3, 100), 1);
    BiasShiftRecord drawn = trueProbe.measure(1).get(0);
    assertThat(drawn.rho()).isNotEqualTo(empirical.rho());
    assertThat(trueProbe.measure(1).get(0)).isEqualTo(drawn); // the same draw for the same step
  }

  @Test
  void convSamplesFromIm2colEqualADirectLoopOverPositions() {
    for (boolean same : new boolean[] {true, false}) {
      int stride = same ? 1 : 2;
      int h = same ? 5 : 7;
      Nd4j.getRandom().setSeed(2);
      Conv2d conv =
          new Conv2d(
              "c",
              Nd4j.randn(DataType.DOUBLE, 3, 2, 3, 3),
              Nd4j.zeros(DataType.DOUBLE, 3),
              stride,
              same);
      INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 2, h, h);
      long[] out = conv.outputShape(new long[] {2, h, h});
      INDArray dLdy = Nd4j.randn(DataType.DOUBLE, 2, 3, out[1], out[2]);
      LayerSamples s = LayerSamples.conv(conv, x, dLdy, 1_000_000, 1);
      int pad = same ? 1 : 0;
      int row = 0;
      for (int n = 0; n < 2; n++) {
        for (int i = 0; i < out[1]; i++) {
          for (int j = 0; j < out[2]; j++, row++) {
            int col = 0;
            for (int c = 0; c < 2; c++) {
              for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++, col++) {
                  int yy = i * stride + ky - pad;
                  int xx = j * stride + kx - pad;
                  double v = yy < 0 || xx < 0 || yy >= h || xx >= h ? 0 : x.getDouble(n, c, yy, xx);
                  assertThat(s.a().getDouble(row, col))
                      .as("same=%s row %d col %d", same, row, col)
                      .isEqualTo(v);
                }
              }
            }
            for (int o = 0; o < 3; o++) {
              assertThat(s.delta().getDouble(row, o))
                  .isCloseTo(2 * dLdy.getDouble(n, o, i, j), within(1e-12));
            }
          }
        }
      }
      assertThat(row).isEqualTo(s.rows());
      // and the plain gradient from the rows is the layer's own weight gradient / (N·P) · N
      Layer.Bound b = conv.bind(x, x.like());
      b.forward(false);
      b.dLdy().assign(dLdy);
      b.backward();
      UnitNaturalGradient.Result r =
          UnitNaturalGradient.compute(
              s.a(), s.delta(), UnitNaturalGradient.Covariance.SHARED, 1e-3);
      INDArray weightGrad = conv.params().get(0).grad().reshape(3, 18);
      double scale = 2.0 / s.rows(); // G = Σ δ a / R with δ = N·dL/dy
      assertThat(Nd4j.createFromArray(r.g()).sub(weightGrad.mul(scale)).amaxNumber().doubleValue())
          .isLessThan(1e-12);
    }
  }

  @Test
  void unitMeansDeadUnitsSaturationAndHistogramsMatchDirectCounts() {
    LayerSpec relu = new LayerSpec.Act(ActivationSpec.of("relu"));
    LayerSpec elu = new LayerSpec.Act(ActivationSpec.of("elu"));
    Network net =
        Network.build(
            new NetworkSpec(
                List.of(
                    LayerSpec.Conv.same3x3(4),
                    relu,
                    LayerSpec.Conv.same3x3(5),
                    elu,
                    new LayerSpec.GlobalAvgPool(),
                    new LayerSpec.Dense(10)),
                Init.HE,
                10),
            9);
    net.params().get(1).value().putScalar(2, -1000f); // conv1's third channel: never positive
    Network.Bound b = net.bind(6);
    Nd4j.getRandom().setSeed(1);
    b.input().assign(Nd4j.randn(DataType.FLOAT, 6, 3, 32, 32));
    b.forward(true);
    UnitMeanDrift drift = new UnitMeanDrift(net, b, 20);
    List<Histogram> histograms = new ArrayList<>();
    DriftRecord record = drift.measure(3, true, histograms);
    assertThat(drift.layerNames()).containsExactly("act1", "act2");
    List<Double> all = new ArrayList<>();
    for (int l = 0; l < 2; l++) {
      INDArray y = b.layers().get(2 * l + 1).y();
      double[] expected = y.mean(0, 2, 3).toDoubleVector();
      LayerDrift d = record.layers().get(l);
      for (int c = 0; c < expected.length; c++) {
        assertThat(d.unitMeans()[c]).isCloseTo(expected[c], within(1e-5));
        all.add(expected[c]);
      }
      double[] sorted = expected.clone();
      java.util.Arrays.sort(sorted);
      assertThat(d.min()).isCloseTo(sorted[0], within(1e-5));
      assertThat(d.max()).isCloseTo(sorted[sorted.length - 1], within(1e-5));
      Histogram h = histograms.get(l);
      assertThat(h.total()).isEqualTo(y.length());
      long saturated = 0;
      for (double v : y.data().asDouble()) {
        saturated += l == 0 ? (v <= 0 ? 1 : 0) : (v + 1 < Saturation.SLOPE ? 1 : 0);
      }
      assertThat(d.saturatedFrac()).isCloseTo((double) saturated / y.length(), within(1e-12));
      INDArray x = b.layers().get(2 * l).y(); // the conv output the activation read
      assertThat(d.output().mean()).isCloseTo(y.meanNumber().doubleValue(), within(1e-5));
      assertThat(d.output().variance()).isCloseTo(y.var(false).getDouble(0), within(1e-4));
      double xMean =
          x.meanNumber().doubleValue(); // ND4J sums in float: -250 here, from the dead channel
      assertThat(d.input().mean()).isCloseTo(xMean, within(1e-5 * (1 + Math.abs(xMean))));
      assertThat(d.input().variance())
          .isCloseTo(x.var(false).getDouble(0), within(1e-3 * x.var(false).getDouble(0)));
    }
    // after backward the buffers still hold this step's input and output (nothing reused them)
    b.dLogits().assign(Nd4j.randn(DataType.FLOAT, 6, 10));
    b.backward();
    DriftRecord afterBackward = drift.measure(3, true, new ArrayList<>());
    for (int l = 0; l < 2; l++) {
      assertThat(afterBackward.layers().get(l).input()).isEqualTo(record.layers().get(l).input());
      assertThat(afterBackward.layers().get(l).output()).isEqualTo(record.layers().get(l).output());
    }
    assertThat(record.layers().get(0).deadFrac()).isEqualTo(0.25); // 1 of 4 channels
    assertThat(histograms.get(0).lo()).isEqualTo(0.0); // ReLU's range starts at its bound
    assertThat(histograms.get(1).lo()).isEqualTo(-1.0); // ELU's at −α, the negative side shown
    assertThat(histograms.get(0).counts()[0])
        .isGreaterThan(6 * 32 * 32); // the dead channel's zeros
    double[] sortedAll = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertThat(record.networkMedian()).isCloseTo((sortedAll[4] + sortedAll[4]) / 2, within(1e-5));
    // rows without histograms (whose pass need not be observed) have the unit means alone
    DriftRecord quick = drift.measure(4, true, null);
    assertThat(quick.layers().get(0).deadFrac()).isNaN();
    assertThat(quick.layers().get(0).output().mean()).isNaN();
    assertThat(quick.layers().get(0).median()).isEqualTo(record.layers().get(0).median());
  }
}
