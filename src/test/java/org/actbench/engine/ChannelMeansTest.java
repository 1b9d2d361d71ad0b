package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.onednn.Dnnl;
import org.actbench.engine.optim.Sgd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Channel means read where the activations lie equal a direct per-channel loop over the plain
 * output: on both kernels, in the blocked layouts oneDNN picks (width 8: nChw8c or plain; 16 and
 * more: nChw16c) and plain ones, with and without batch norm, after observed and unobserved passes.
 */
class ChannelMeansTest {
  static final List<NetworkSpec> NETS =
      List.of(
          NetworkSpec.plain(3, 8, List.of(ActivationSpec.of("elu")), false, 0),
          NetworkSpec.plain(3, 16, List.of(ActivationSpec.of("relu")), true, 0),
          NetworkSpec.plain(4, 32, List.of(ActivationSpec.of("selu")), false, 0),
          NetworkSpec.reference(ActivationSpec.of("gelu")));

  /** Every activation layer's index in the network. */
  static List<Integer> activations(Network net) {
    List<Integer> out = new ArrayList<>();
    List<Layer> layers = net.layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof ActivationLayer) {
        out.add(i);
      }
    }
    return out;
  }

  /** m_c = mean over n and positions of y[n, c, ...], in double, straight from the plain array. */
  static double[] direct(INDArray y) {
    long n = y.size(0);
    int c = (int) y.size(1);
    double[] v = y.dup('c').data().asDouble();
    int positions = (int) (v.length / (n * c));
    double[] m = new double[c];
    for (int e = 0; e < n; e++) {
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < positions; p++) {
          m[ch] += v[(e * c + ch) * positions + p];
        }
      }
    }
    for (int ch = 0; ch < c; ch++) {
      m[ch] /= n * positions;
    }
    return m;
  }

  static void assertClose(double[] actual, double[] expected, double relative, String what) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int c = 0; c < expected.length; c++) {
      assertThat(Math.abs(actual[c] - expected[c]))
          .as("%s, channel %d: %s against %s", what, c, actual[c], expected[c])
          .isLessThanOrEqualTo(relative * scale + 1e-7);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nd4j", "onednn"})
  void afterAnObservedPassTheyEqualALoopOverThePlainOutput(String kernelId) {
    Kernels kernels = Kernels.parse(kernelId);
    Assumptions.assumeTrue(kernels == Kernels.ND4J || Dnnl.available(), "no oneDNN here");
    INDArray[] xy = ReferenceBenchmark.randomBatch(12);
    for (NetworkSpec spec : NETS) {
      Network net = Network.build(spec, 3, kernels);
      TrainingStep step = new TrainingStep(net, new Sgd(0.9, false, 0));
      step.train(xy[0], xy[1], 0.01, null); // binds: passes are observed until told otherwise
      Network.Bound bound = step.bound(12);
      for (int i : activations(net)) {
        ChannelMeans means = bound.channelMeans(i);
        double[] read = new double[means.channels()];
        means.read(read);
        assertClose(
            read,
            direct(bound.layers().get(i).y()),
            1e-5,
            kernelId + " " + net.layers().get(i).name());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void onUnobservedOneDnnPassesTheyEqualTheNd4jNetworksLoop(int net) {
    Assumptions.assumeTrue(Dnnl.available(), "no oneDNN here");
    NetworkSpec spec = NETS.get(net);
    INDArray[] xy = ReferenceBenchmark.randomBatch(12);
    Network blocked = Network.build(spec, 3, Kernels.ONEDNN);
    Network plain = Network.build(spec, 3, Kernels.ND4J);
    TrainingStep blockedStep = new TrainingStep(blocked, new Sgd(0.9, false, 0));
    TrainingStep plainStep = new TrainingStep(plain, new Sgd(0.9, false, 0));
    blockedStep.train(xy[0], xy[1], 0.01, null); // binds
    plainStep.train(xy[0], xy[1], 0.01, null);
    Network.Bound bound = blockedStep.bound(12);
    List<ChannelMeans> means = new ArrayList<>();
    for (int i : activations(blocked)) {
      means.add(bound.channelMeans(i)); // made once, before the pass they read
    }
    bound.observe(false); // fused, blocked, no plain copy: what a run's rows read
    blockedStep.train(xy[0], xy[1], 0.01, null);
    plainStep.train(xy[0], xy[1], 0.01, null);
    List<Integer> layers = activations(plain);
    for (int k = 0; k < layers.size(); k++) {
      double[] read = new double[means.get(k).channels()];
      means.get(k).read(read);
      double[] expected = direct(plainStep.bound(12).layers().get(layers.get(k)).y());
      // the kernels' outputs agree to a few 1e-6 of their largest value (LayerAgreementTest); a
      // mean read from a stale or wrong buffer would be off by the order of the means themselves
      assertClose(read, expected, 1e-3, "net " + net + " layer " + layers.get(k));
    }
  }
}
