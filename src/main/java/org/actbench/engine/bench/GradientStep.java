package org.actbench.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.data.Batch;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Param;
import org.actbench.engine.SoftmaxCrossEntropy;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.Pool2d;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step of the reference network on a given batch, written as NumPy files so that
 * another framework can rebuild the same network and compare: {@code input.npy} [N, 3, 32, 32],
 * {@code labels.npy}, every parameter before the step ({@code <layer>.W.npy} as [out, in, kh, kw]
 * or [out, in], {@code <layer>.b.npy}) and the gradient of every parameter ({@code
 * grad.<layer>.W.npy}, ...). Where the batch comes from and the manifest describing it are the
 * caller's ({@code experiment.bench.GradientDump}).
 */
public final class GradientStep {
  /** Top two inputs of a max-pool window this close (relative) may swap under float rounding. */
  static final double NEAR_TIE = 1e-5;

  private GradientStep() {}

  /** A layer and the shapes of its parameters. */
  public record LayerShapes(String name, String type, Map<String, long[]> params) {}

  /** A max-pool layer, its windows and those of them with a near tie (see {@link #nearTies}). */
  public record PoolTies(String layer, long windows, long nearTies) {}

  /** What a step computed: the batch's loss, what ran the layers, the layers and near ties. */
  public record Result(
      double loss, Kernels kernels, List<LayerShapes> layers, List<PoolTies> nearTies) {}

  public static Result write(
      ActivationSpec activation, Kernels kernels, long seed, Batch b, Path dir) throws IOException {
    int batch = b.size();
    NetworkSpec spec = NetworkSpec.reference(activation);
    Network network = Network.build(spec, seed, kernels);
    Network.Bound net = network.bind(batch);
    net.input().assign(b.x());
    INDArray labels = b.y().dup();
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(net.logits(), labels, net.dLogits());
    Nd4j.writeAsNumpy(net.input(), dir.resolve("input.npy").toFile());
    Nd4j.writeAsNumpy(
        Nd4j.createFromArray(b.labels()).castTo(DataType.INT64),
        dir.resolve("labels.npy").toFile());
    for (Param p : network.params()) {
      Nd4j.writeAsNumpy(p.value(), dir.resolve(p.name() + ".npy").toFile());
    }
    net.forward(true);
    double value = loss.forward();
    loss.backward();
    net.backward();
    for (Param p : network.params()) {
      Nd4j.writeAsNumpy(p.grad(), dir.resolve("grad." + p.name() + ".npy").toFile());
    }
    List<LayerShapes> layers = new ArrayList<>();
    for (Layer layer : network.layers()) {
      Map<String, long[]> shapes = new LinkedHashMap<>();
      for (Param p : layer.params()) {
        shapes.put(p.name(), p.value().shape());
      }
      layers.add(new LayerShapes(layer.name(), layer.getClass().getSimpleName(), shapes));
    }
    return new Result(value, network.kernels(), layers, nearTies(network, net));
  }

  /**
   * Per max-pool layer, the windows whose two largest inputs are equal or within {@link #NEAR_TIE}
   * (relative) of each other, other than windows of zeros (a ReLU's: no gradient passes them).
   * There rounding can decide which input wins and receives dL/dy, so the gradients of the layers
   * below can differ from another framework's (or from double precision) by far more than rounding:
   * with seed 4 one such window moves conv1's and conv2's weight gradients by 2-3e-4 relative,
   * whatever the activation (docs/performance.md).
   */
  private static List<PoolTies> nearTies(Network network, Network.Bound net) {
    List<PoolTies> out = new ArrayList<>();
    for (int i = 1; i < network.layers().size(); i++) {
      if (network.layers().get(i) instanceof Pool2d pool && pool.isMax()) {
        INDArray input = net.layers().get(i - 1).y();
        long[] shape = input.shape();
        long[] pooled = pool.outputShape(new long[] {shape[1], shape[2], shape[3]});
        out.add(
            new PoolTies(
                pool.name(),
                shape[0] * pooled[0] * pooled[1] * pooled[2],
                countNearTies(input.data().asFloat(), shape, pool.kernel(), pool.stride())));
      }
    }
    return out;
  }

  static long countNearTies(float[] x, long[] shape, int kernel, int stride) {
    int h = (int) shape[2];
    int w = (int) shape[3];
    long ties = 0;
    for (int map = 0; map < shape[0] * shape[1]; map++) {
      for (int i = 0; i + kernel <= h; i += stride) {
        for (int j = 0; j + kernel <= w; j += stride) {
          float first = Float.NEGATIVE_INFINITY;
          float second = Float.NEGATIVE_INFINITY;
          for (int u = 0; u < kernel; u++) {
            for (int v = 0; v < kernel; v++) {
              float value = x[(map * h + i + u) * w + j + v];
              if (value > first) {
                second = first;
                first = value;
              } else if (value > second) {
                second = value;
              }
            }
          }
          if (first != 0 && first - second <= NEAR_TIE * Math.abs(first)) {
            ties++;
          }
        }
      }
    }
    return ties;
  }
}
