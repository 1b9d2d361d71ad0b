package org.actbench.engine.onednn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Param;
import org.actbench.engine.Threads;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.AlphaDropout;
import org.actbench.engine.layer.BatchNorm;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Dropout;
import org.actbench.engine.layer.GlobalAvgPool;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.layer.Pool2d;
import org.bytedeco.dnnl.memory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Every layer and activation on oneDNN against the ND4J path, on random shapes: the same input and
 * upstream gradient, outputs and every gradient within 1e-5 relative (‖a − b‖ / ‖b‖, float). The
 * oneDNN side runs in a blocked layout (nChw16c, channels padded where C is no multiple of 16)
 * between plain edges, observed and unobserved, so fused and unfused passes are both checked.
 */
class LayerAgreementTest {
  static final double TOLERANCE = 1e-5;
  static final String[] ACTIVATIONS = {
    "relu", "lrelu", "srelu", "elu", "selu", "tanh", "sigmoid", "softplus", "gelu", "swish"
  };

  @BeforeAll
  static void onednnLoads() {
    Assumptions.assumeTrue(Dnnl.available(), "oneDNN is not available here");
  }

  /** A convolution's shape: batch, channels in and out, size, kernel, stride, padding. */
  record ConvCase(int n, int in, int out, int size, int kernel, int stride, boolean same) {
    static ConvCase random(Random r) {
      int kernel = new int[] {1, 2, 3, 5}[r.nextInt(4)];
      return new ConvCase(
          1 + r.nextInt(3),
          1 + r.nextInt(20),
          1 + r.nextInt(40),
          kernel + r.nextInt(9),
          kernel,
          1 + r.nextInt(2),
          r.nextBoolean());
    }

    Conv2d layer(long seed) {
      Nd4j.getRandom().setSeed(seed);
      INDArray w =
          Nd4j.randn(DataType.FLOAT, out, in, kernel, kernel)
              .muli(Math.sqrt(2.0 / in / kernel / kernel));
      return new Conv2d("conv", w, Nd4j.randn(DataType.FLOAT, out).muli(0.1), stride, same);
    }
  }

  static Stream<Arguments> convolutionsWithEachActivation() {
    Random r = new Random(13);
    List<Arguments> cases = new ArrayList<>();
    for (String act : ACTIVATIONS) {
      for (int i = 0; i < 3; i++) {
        cases.add(
            Arguments.of(act, ConvCase.random(r), i == 0)); // the first one is the first layer
      }
    }
    // 3x3 stride 1 with whole 16-channel blocks: Winograd where oneDNN has it, odd sizes too
    cases.add(Arguments.of("relu", new ConvCase(2, 16, 32, 9, 3, 1, true), false));
    cases.add(Arguments.of("elu", new ConvCase(3, 32, 16, 7, 3, 1, true), false));
    cases.add(Arguments.of("tanh", new ConvCase(1, 32, 32, 12, 3, 1, false), false));
    cases.add(Arguments.of(null, new ConvCase(2, 32, 64, 16, 3, 1, true), false)); // conv3's
    cases.add(Arguments.of(null, new ConvCase(2, 3, 32, 32, 3, 1, true), true)); // conv1's shape
    cases.add(Arguments.of(null, new ConvCase(2, 32, 32, 8, 3, 1, true), false));
    // the lessons' and the demo's width-8 layers: 8 plain input channels, where oneDNN's
    // backward-weights has only its reference kernel on blocked dL/dz and reads a plain copy
    cases.add(Arguments.of("elu", new ConvCase(2, 8, 8, 32, 3, 1, true), false));
    cases.add(Arguments.of("relu", new ConvCase(2, 8, 16, 16, 3, 1, true), false));
    cases.add(Arguments.of(null, new ConvCase(2, 6, 10, 9, 2, 2, true), false));
    cases.add(Arguments.of(null, new ConvCase(2, 6, 10, 9, 3, 2, false), false));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("convolutionsWithEachActivation")
  void convolutionAloneOrWithItsActivationFused(String act, ConvCase c, boolean firstLayer) {
    Conv2d conv = c.layer(c.hashCode());
    Activation f = act == null ? null : ActivationSpec.of(act).activation();
    List<Layer> layers = f == null ? List.of(conv) : List.of(conv, new ActivationLayer("act", f));
    long[] shape = {c.n(), c.in(), c.size(), c.size()};
    for (boolean observed : new boolean[] {false, true}) {
      agree(layers, shape, !firstLayer, observed, 21);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "relu",
        "lrelu",
        "srelu",
        "elu",
        "selu",
        "tanh",
        "sigmoid",
        "softplus",
        "gelu",
        "swish"
      })
  void activationAfterSomethingElse(String act) {
    Layer layer = new ActivationLayer("act", ActivationSpec.of(act).activation());
    agree(List.of(layer), new long[] {3, 20, 5, 7}, true, false, 22);
    agree(List.of(layer), new long[] {2, 32, 4, 4}, true, true, 23);
  }

  /**
   * A max pool above an activation takes over the activation's backward on unobserved passes,
   * disjoint windows only; overlapping windows and observed passes keep the plain order. Both are
   * checked against ND4J, after a convolution (fused) and alone.
   */
  @ParameterizedTest
  @ValueSource(strings = {"relu", "lrelu", "srelu", "elu", "selu", "tanh", "sigmoid", "swish"})
  void activationThenMaxPool(String act) {
    Activation f = ActivationSpec.of(act).activation();
    Conv2d conv = new ConvCase(2, 5, 16, 8, 3, 1, true).layer(30);
    for (int kernel : new int[] {2, 3}) {
      Pool2d pool = new Pool2d("pool", true, kernel, 2);
      for (boolean observed : new boolean[] {false, true}) {
        agree(
            List.of(conv, new ActivationLayer("act", f), pool),
            new long[] {2, 5, 8, 8},
            true,
            observed,
            31);
        agree(
            List.of(new ActivationLayer("act", f), pool),
            new long[] {3, 16, 6, 6},
            true,
            observed,
            32);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void poolingMaxAndAverage(int variant) {
    boolean max = variant % 2 == 0;
    int kernel = variant < 2 ? 2 : 3;
    agree(List.of(new Pool2d("pool", max, kernel, 2)), new long[] {2, 20, 9, 8}, true, false, 24);
    agree(List.of(new Pool2d("pool", max, kernel, 1)), new long[] {3, 16, 7, 7}, true, true, 25);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void batchNormInTrainingAndInference(boolean training) {
    BatchNorm bn = new BatchNorm("bn", 20, DataType.FLOAT);
    Nd4j.getRandom().setSeed(26);
    bn.params().get(0).value().assign(Nd4j.rand(DataType.FLOAT, 20).addi(0.5));
    bn.params().get(1).value().assign(Nd4j.randn(DataType.FLOAT, 20));
    bn.runningMean().assign(Nd4j.randn(DataType.FLOAT, 20));
    bn.runningVar().assign(Nd4j.rand(DataType.FLOAT, 20).addi(0.5));
    INDArray mean = bn.runningMean().dup();
    INDArray var = bn.runningVar().dup();
    Harness.Result nd4j = Harness.nd4j(List.of(bn), new long[] {4, 20, 6, 5}, true, training, 27);
    INDArray meanAfter = bn.runningMean().dup();
    INDArray varAfter = bn.runningVar().dup();
    bn.runningMean().assign(mean);
    bn.runningVar().assign(var);
    Harness.Result onednn =
        Harness.onednn(List.of(bn), new long[] {4, 20, 6, 5}, true, training, false, 27);
    nd4j.assertAgrees(onednn, TOLERANCE);
    assertClose("running mean", bn.runningMean(), meanAfter);
    assertClose("running variance", bn.runningVar(), varAfter);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void preluWithItsSlopes(boolean observed) {
    Nd4j.getRandom().setSeed(28);
    PRelu prelu = new PRelu("prelu", Nd4j.randn(DataType.FLOAT, 20).muli(0.3));
    agree(List.of(prelu), new long[] {3, 20, 5, 6}, true, observed, 29);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void dropoutDrawsTheSameMasks(boolean alpha) {
    // The same seed on both sides: each path's layer draws its own, identical, masks.
    Layer a = alpha ? new AlphaDropout("drop", 0.3, 5) : new Dropout("drop", 0.3, 5);
    Layer b = alpha ? new AlphaDropout("drop", 0.3, 5) : new Dropout("drop", 0.3, 5);
    long[] shape = {2, 20, 5, 5};
    Harness.Result nd4j = Harness.nd4j(List.of(a), shape, true, true, 30);
    Harness.onednn(List.of(b), shape, true, true, false, 30).assertAgrees(nd4j, 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void globalAveragePoolToThePlainEdge(int n) {
    agree(List.of(new GlobalAvgPool("gap")), new long[] {n, 20, 5, 6}, true, false, 31);
  }

  /** Both paths on the same layers, input and upstream gradient; outputs and gradients agree. */
  static void agree(
      List<Layer> layers, long[] shape, boolean inputGradient, boolean observed, long seed) {
    Harness.Result nd4j = Harness.nd4j(layers, shape, inputGradient, true, seed);
    Harness.Result onednn = Harness.onednn(layers, shape, inputGradient, true, observed, seed);
    onednn.assertAgrees(nd4j, TOLERANCE);
    if (observed) { // the plain copies a measurement reads: every layer's output and gradient
      for (int i = 0; i < layers.size(); i++) {
        assertClose("y of " + i, onednn.outputs().get(i), nd4j.outputs().get(i));
        assertClose("dL/dy of " + i, onednn.outputGrads().get(i), nd4j.outputGrads().get(i));
      }
    }
  }

  static void assertClose(String what, INDArray actual, INDArray expected) {
    double err = Harness.relative(actual, expected);
    assertThat(err).as("%s: relative error %s", what, err).isLessThanOrEqualTo(TOLERANCE);
  }

  /** Runs layers once forward and backward on either path with the same data. */
  static final class Harness {
    /** What a pass gave: the output, dL/dx, every parameter gradient, per-layer copies. */
    record Result(
        INDArray y,
        INDArray dLdx,
        List<INDArray> grads,
        List<INDArray> outputs,
        List<INDArray> outputGrads,
        double maskedShare) {

      void assertAgrees(Result expected, double tolerance) {
        assertThat(relative(y, expected.y)).as("output").isLessThanOrEqualTo(tolerance);
        if (expected.dLdx != null) {
          assertThat(relative(dLdx, expected.dLdx)).as("dL/dx").isLessThanOrEqualTo(tolerance);
        }
        for (int i = 0; i < grads.size(); i++) {
          assertThat(relative(grads.get(i), expected.grads.get(i)))
              .as("parameter gradient %d", i)
              .isLessThanOrEqualTo(tolerance);
        }
        assertThat(maskedShare).as("share of upstream gradient masked at kinks").isLessThan(0.01);
      }
    }

    static double relative(INDArray actual, INDArray expected) {
      double norm = expected.norm2Number().doubleValue();
      double diff = actual.reshape(expected.shape()).sub(expected).norm2Number().doubleValue();
      return norm == 0 ? diff : diff / norm;
    }

    static INDArray input(long[] shape, long seed) {
      Nd4j.getRandom().setSeed(seed);
      return Nd4j.randn(DataType.FLOAT, shape);
    }

    static INDArray upstream(long[] shape, long seed) {
      Nd4j.getRandom().setSeed(seed + 1);
      return Nd4j.randn(DataType.FLOAT, shape);
    }

    /**
     * Where the last layer's input sits within rounding of a kink of the activations (0, and −1 for
     * the shifted ReLU), the two paths may take f' from different sides; the upstream gradient is
     * zeroed there so that the comparison is of arithmetic, not of which side a rounding fell.
     */
    static double maskKinks(INDArray g, INDArray z) {
      if (z == null) {
        return 0;
      }
      double scale = z.amaxNumber().doubleValue();
      INDArray near =
          Transforms.min(Transforms.abs(z, true), Transforms.abs(z.add(1), false), false);
      INDArray keep = near.gt(1e-5 * scale).castTo(DataType.FLOAT).reshape(g.shape());
      g.muli(keep);
      return 1 - keep.meanNumber().doubleValue();
    }

    static Result nd4j(
        List<Layer> layers, long[] shape, boolean inputGradient, boolean training, long seed) {
      INDArray x = input(shape, seed);
      INDArray dLdx = inputGradient ? x.like() : null;
      List<Layer.Bound> bound = new ArrayList<>();
      INDArray in = x;
      INDArray din = dLdx;
      for (Layer layer : layers) {
        Layer.Bound b = layer.bind(in, din);
        bound.add(b);
        in = b.y();
        din = b.dLdy();
      }
      for (Layer.Bound b : bound) {
        b.forward(training);
      }
      Layer.Bound last = bound.get(bound.size() - 1);
      INDArray g = upstream(last.y().shape(), seed);
      double masked = convAndActivation(layers) ? maskKinks(g, bound.get(0).y()) : 0;
      last.dLdy().assign(g);
      for (int i = bound.size() - 1; i >= 0; i--) {
        bound.get(i).backward();
      }
      return result(layers, bound, last.y(), dLdx, masked);
    }

    static Result onednn(
        List<Layer> layers,
        long[] shape,
        boolean inputGradient,
        boolean training,
        boolean observed,
        long seed) {
      Threads.applyHere(Threads.configured());
      Chain chain = new Chain(Threads.configured());
      chain.observe(observed);
      INDArray x = input(shape, seed);
      INDArray dLdx = inputGradient ? x.like() : null;
      memory.desc blocked = new memory.desc(shape, memory.data_type.f32, memory.format_tag.nChw16c);
      Tensor bx = Tensor.allocate(blocked);
      Tensor bdx = inputGradient ? Tensor.allocate(blocked) : null;
      Chain.Copy in = Chain.Copy.of(Tensor.over(x, memory.format_tag.nchw), bx);
      Layer first = layers.get(0);
      if (first instanceof GlobalAvgPool) {
        PlainEdge edge = PlainEdge.globalAveragePool(chain, bx, bdx);
        chain.run(in);
        edge.forward(training);
        INDArray g = upstream(edge.y().shape(), seed);
        edge.dLdy().assign(g);
        edge.backward();
        INDArray plainDx = Tensor.over(x.like(), memory.format_tag.nchw).buffer();
        chain.run(Chain.Copy.of(bdx, Tensor.over(plainDx, memory.format_tag.nchw)));
        return new Result(edge.y(), plainDx, List.of(), List.of(), List.of(), 0);
      }
      List<BlockedOutput> bound = BlockedChain.bindBlocked(chain, layers, bx, bdx);
      BlockedOutput top = bound.get(bound.size() - 1);
      PlainEdge edge = PlainEdge.flatten(chain, top.out(), top.outGrad());
      chain.run(in);
      for (Layer.Bound b : bound) {
        b.forward(training);
      }
      edge.forward(training);
      INDArray y = edge.y().reshape(top.out().dims()).dup();
      INDArray g = upstream(y.shape(), seed);
      double masked = 0;
      if (convAndActivation(layers)) { // mask where ND4J's pre-activation is near a kink
        INDArray z = nd4jPreActivation(layers.get(0), x, training);
        masked = maskKinks(g, z);
      }
      edge.dLdy().assign(g.reshape(edge.dLdy().shape()));
      edge.backward();
      for (int i = bound.size() - 1; i >= 0; i--) {
        bound.get(i).backward();
      }
      INDArray plainDx = null;
      if (inputGradient) {
        Tensor plain = Tensor.over(x.like(), memory.format_tag.nchw);
        chain.run(Chain.Copy.of(bdx, plain));
        plainDx = plain.buffer();
      }
      return result(layers, bound, y, plainDx, masked);
    }

    private static boolean convAndActivation(List<Layer> layers) {
      return layers.size() == 2
          && layers.get(0) instanceof Conv2d
          && layers.get(1) instanceof ActivationLayer;
    }

    private static INDArray nd4jPreActivation(Layer conv, INDArray x, boolean training) {
      Layer.Bound b = conv.bind(x, null);
      b.forward(training);
      return b.y();
    }

    private static Result result(
        List<Layer> layers,
        List<? extends Layer.Bound> bound,
        INDArray y,
        INDArray dLdx,
        double masked) {
      List<INDArray> grads = new ArrayList<>();
      for (Layer layer : layers) {
        for (Param p : layer.params()) {
          grads.add(p.grad().dup());
        }
      }
      List<INDArray> outputs = new ArrayList<>();
      List<INDArray> outputGrads = new ArrayList<>();
      for (Layer.Bound b : bound) {
        outputs.add(b.y().dup());
        outputGrads.add(b.dLdy().dup());
      }
      return new Result(
          y.dup(), dLdx == null ? null : dLdx.dup(), grads, outputs, outputGrads, masked);
    }
  }
}
