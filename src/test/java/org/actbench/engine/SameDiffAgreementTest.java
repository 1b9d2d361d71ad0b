package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.actbench.engine.layer.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A whole network's loss and gradients against SameDiff's automatic differentiation of the same
 * network, same weights and batch, in float: random specs covering BN and every activation, on both
 * kernels.
 */
class SameDiffAgreementTest {
  static final String[] ACTIVATIONS = {
    "relu", "lrelu", "prelu", "srelu", "elu", "selu", "tanh", "sigmoid", "softplus", "gelu", "swish"
  };

  /** A random small network: three conv blocks with random activations, BN, pools and a head. */
  static NetworkSpec randomSpec(long seed) {
    Random r = new Random(seed);
    List<LayerSpec> layers = new ArrayList<>();
    for (int block = 0; block < 3; block++) {
      layers.add(new LayerSpec.Conv(2 + r.nextInt(4), 1 + 2 * r.nextInt(2), 1, true));
      if (r.nextBoolean()) {
        layers.add(new LayerSpec.BatchNorm());
      }
      layers.add(
          new LayerSpec.Act(
              ActivationSpec.of(ACTIVATIONS[(int) ((seed * 3 + block) % ACTIVATIONS.length)])));
      layers.add(r.nextBoolean() ? new LayerSpec.MaxPool(2, 2) : new LayerSpec.AvgPool(2, 2));
    }
    if (r.nextBoolean()) {
      layers.add(new LayerSpec.Flatten());
      layers.add(new LayerSpec.Dense(10));
    } else {
      layers.add(new LayerSpec.Conv(10, 1, 1, true));
      layers.add(new LayerSpec.GlobalAvgPool());
    }
    return new NetworkSpec(layers, Init.HE, 10);
  }

  @ParameterizedTest
  @CsvSource({
    "0, ONEDNN",
    "1, ONEDNN",
    "2, ONEDNN",
    "3, ONEDNN",
    "0, ND4J",
    "1, ND4J",
    "2, ND4J",
    "3, ND4J"
  })
  void lossAndGradientsAgreeWithSameDiff(long seed, Kernels kernels) {
    NetworkSpec spec = randomSpec(seed);
    Network network = Network.build(spec, seed, kernels);
    int n = 4;
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, n, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 7 + seed) % 10, 1.0);
    }
    Network.Bound net = network.bind(n);
    net.input().assign(x);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(net.logits(), y, net.dLogits());
    net.forward(true);
    double ours = loss.forward();
    loss.backward();
    net.backward();

    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("x", DataType.FLOAT, n, 3, 32, 32);
    SDVariable labels = sd.placeHolder("y", DataType.FLOAT, n, 10);
    Map<String, INDArray> ourGrads = new HashMap<>();
    java.util.Set<String> beforeBatchNorm = new java.util.HashSet<>();
    SDVariable h = in;
    List<Layer> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      h = mirror(sd, layers.get(i), h, n, ourGrads);
      if (i + 1 < layers.size()
          && layers.get(i + 1) instanceof org.actbench.engine.layer.BatchNorm) {
        beforeBatchNorm.add(layers.get(i).name() + ".W");
        beforeBatchNorm.add(layers.get(i).name() + ".b");
      }
    }
    SDVariable lossVar = sd.nn().logSoftmax(h).mul(labels).sum(1).mean().neg().rename("loss");
    sd.setLossVariables(lossVar);
    Map<String, INDArray> feed = Map.of("x", x, "y", y);
    double theirs = sd.output(feed, "loss").get("loss").getDouble(0);
    Map<String, INDArray> grads = sd.calculateGradients(feed, ourGrads.keySet());

    Map<String, INDArray> exact = doublePrecisionGradients(spec, network, x, y);
    assertThat(relativeError(ours, theirs))
        .as("loss %s vs %s for %s", ours, theirs, spec)
        .isLessThan(1e-5);
    for (Map.Entry<String, INDArray> e : ourGrads.entrySet()) {
      INDArray expected = grads.get(e.getKey());
      if (e.getKey().endsWith(".b") && beforeBatchNorm.contains(e.getKey())) {
        // BN removes a constant shift: the exact gradient of the bias before it is 0.
        assertThat(e.getValue().amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(expected.amaxNumber().doubleValue()).isLessThan(1e-5);
        continue;
      }
      double err =
          e.getValue().sub(expected).norm2Number().doubleValue()
              / Math.max(1e-12, expected.norm2Number().doubleValue());
      if (err >= 1e-5) {
        // Sums that cancel (dL/db = Σ dL/dz over positions, BN's mean-subtracted gradients) lose
        // digits in float whichever way they are summed. Then both float results are compared
        // with the double-precision one: ours must stay within float round-off of it (seen: up to
        // 1.1e-4 for ours, 9e-5 for SameDiff's, on gradients whose sums cancel).
        INDArray truth = exact.get(e.getKey());
        double oursVsExact = relative(e.getValue(), truth);
        double theirsVsExact = relative(expected, truth);
        assertThat(oursVsExact)
            .as(
                "%s: ours %s, SameDiff %s from double precision",
                e.getKey(), oursVsExact, theirsVsExact)
            .isLessThan(3e-4);
        continue;
      }
      assertThat(err)
          .as(
              "gradient of %s (norm %s, error %s), spec %s",
              e.getKey(), expected.norm2Number(), err, spec)
          .isLessThan(1e-5);
    }
  }

  static double relative(INDArray a, INDArray truth) {
    INDArray a64 = a.castTo(DataType.DOUBLE);
    return a64.sub(truth).norm2Number().doubleValue()
        / Math.max(1e-12, truth.norm2Number().doubleValue());
  }

  /** The same network and batch in double precision, weights copied from the float one. */
  static Map<String, INDArray> doublePrecisionGradients(
      NetworkSpec spec, Network floats, INDArray x, INDArray y) {
    Network doubles = Network.build(spec, 0, DataType.DOUBLE);
    List<Param> from = floats.params();
    List<Param> to = doubles.params();
    for (int i = 0; i < from.size(); i++) {
      to.get(i).value().assign(from.get(i).value().castTo(DataType.DOUBLE));
    }
    Network.Bound net = doubles.bind(x.size(0));
    net.input().assign(x.castTo(DataType.DOUBLE));
    SoftmaxCrossEntropy loss =
        new SoftmaxCrossEntropy(net.logits(), y.castTo(DataType.DOUBLE), net.dLogits());
    net.forward(true);
    loss.forward();
    loss.backward();
    net.backward();
    Map<String, INDArray> grads = new HashMap<>();
    for (Param p : to) {
      grads.put(p.name(), p.value().rank() == 4 ? p.grad().permute(2, 3, 1, 0) : p.grad());
    }
    return grads;
  }

  static double relativeError(double a, double b) {
    return Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
  }

  /** The same layer in SameDiff, its parameters as variables holding copies of ours. */
  static SDVariable mirror(
      SameDiff sd, Layer layer, SDVariable h, int batch, Map<String, INDArray> grads) {
    List<Param> params = layer.params();
    for (Param p : params) {
      // SameDiff's conv2d_bp fails validation with OIYX weights in M2.1: give it [kh, kw, in, out].
      boolean convWeight = p.value().rank() == 4;
      sd.var(p.name(), convWeight ? p.value().permute(2, 3, 1, 0).dup() : p.value().dup());
      grads.put(p.name(), convWeight ? p.grad().permute(2, 3, 1, 0) : p.grad());
    }
    if (layer instanceof org.actbench.engine.layer.Conv2d conv) {
      Conv2DConfig cfg =
          Conv2DConfig.builder()
              .kH(conv.kernel())
              .kW(conv.kernel())
              .sH(1)
              .sW(1)
              .dH(1)
              .dW(1)
              .paddingMode(PaddingMode.SAME)
              .dataFormat("NCHW")
              .weightsFormat(WeightsFormat.YXIO)
              .build();
      return sd.cnn()
          .conv2d(
              h, sd.getVariable(params.get(0).name()), sd.getVariable(params.get(1).name()), cfg);
    }
    if (layer instanceof org.actbench.engine.layer.Pool2d pool) {
      Pooling2DConfig cfg =
          Pooling2DConfig.builder()
              .kH(2)
              .kW(2)
              .sH(2)
              .sW(2)
              .dH(1)
              .dW(1)
              .paddingMode(PaddingMode.VALID)
              .isNHWC(false)
              .type(pool.isMax() ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
              .build();
      return pool.isMax() ? sd.cnn().maxPooling2d(h, cfg) : sd.cnn().avgPooling2d(h, cfg);
    }
    if (layer instanceof org.actbench.engine.layer.GlobalAvgPool) {
      return h.mean(2, 3);
    }
    if (layer instanceof org.actbench.engine.layer.Flatten) {
      return h.reshape(batch, -1);
    }
    if (layer instanceof org.actbench.engine.layer.Dense) {
      return sd.mmul(h, sd.getVariable(params.get(0).name()), false, true, false)
          .add(sd.getVariable(params.get(1).name()));
    }
    if (layer instanceof org.actbench.engine.layer.BatchNorm) {
      SDVariable mean = h.mean(true, 0, 2, 3);
      SDVariable centred = h.sub(mean);
      SDVariable var = centred.mul(centred).mean(true, 0, 2, 3);
      SDVariable xhat = centred.mul(sd.math().rsqrt(var.add(1e-5)));
      SDVariable gamma = sd.getVariable(params.get(0).name()).reshape(1, -1, 1, 1);
      SDVariable beta = sd.getVariable(params.get(1).name()).reshape(1, -1, 1, 1);
      return xhat.mul(gamma).add(beta);
    }
    if (layer instanceof org.actbench.engine.layer.PRelu) {
      SDVariable slope = sd.getVariable(params.get(0).name()).reshape(1, -1, 1, 1);
      return sd.nn()
          .relu(h, 0)
          .add(sd.math().min(h, sd.constant(Nd4j.scalar(DataType.FLOAT, 0f))).mul(slope));
    }
    String id = ((org.actbench.engine.layer.ActivationLayer) layer).activation().id();
    switch (id) {
      case "relu":
        return sd.nn().relu(h, 0);
      case "lrelu":
        return sd.nn().leakyRelu(h, 0.1);
      case "srelu":
        return sd.nn().relu(h.add(1.0), 0).sub(1.0);
      case "elu":
        return sd.nn().elu(h);
      case "selu":
        return sd.nn().selu(h);
      case "tanh":
        return sd.math().tanh(h);
      case "sigmoid":
        return sd.nn().sigmoid(h);
      case "softplus":
        return sd.nn().softplus(h);
      case "gelu":
        {
          SDVariable inner = h.add(h.mul(h).mul(h).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
          return h.mul(0.5).mul(sd.math().tanh(inner).add(1.0));
        }
      default: // swish
        return h.mul(sd.nn().sigmoid(h));
    }
  }
}
