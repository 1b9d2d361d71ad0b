package org.actbench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.data.Batch;
import org.actbench.data.BatchLoader;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.ImageSet;
import org.actbench.data.Preprocessing;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.data.Subsets;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.Pool2d;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes one training step of the reference network as NumPy files, so that another framework can
 * rebuild the same network and compare: {@code input.npy} [N, 3, 32, 32] (x/255 of N seeded images
 * of the bundled sample set, which has CIFAR-10's format), {@code labels.npy}, every parameter before
 * the step ({@code <layer>.W.npy} as [out, in, kh, kw] or [out, in], {@code <layer>.b.npy}), the
 * gradient of every parameter ({@code grad.<layer>.W.npy}, ...) and {@code manifest.json}.
 */
public final class GradientDump {
  /** Top two inputs of a max-pool window this close (relative) may swap under float rounding. */
  static final double NEAR_TIE = 1e-5;

  private GradientDump() {}

  /** What a dump computed: the batch's loss and what ran the layers. */
  public record Result(double loss, Kernels kernels) {}

  public static Result write(
      ActivationSpec activation, Kernels kernels, long seed, int batch, Path dir)
      throws IOException {
    if (batch < 1 || batch > 1000) {
      throw new IllegalArgumentException("--batch must be 1..1000 images, got " + batch);
    }
    Files.createDirectories(dir);
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    int[] picks = picks(sample, seed, batch);
    Batch b = batch(sample, picks);
    NetworkSpec spec = NetworkSpec.reference(activation);
    Network network = Network.build(spec, seed, kernels);
    Network.Bound net = network.bind(batch);
    net.input().assign(b.x());
    INDArray labels = b.y().dup();
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(net.logits(), labels, net.dLogits());
    Nd4j.writeAsNumpy(net.input(), dir.resolve("input.npy").toFile());
    Nd4j.writeAsNumpy(Nd4j.createFromArray(b.labels()).castTo(org.nd4j.linalg.api.buffer.DataType.INT64), dir.resolve("labels.npy").toFile());
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
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("network", "reference");
    manifest.put("activation", activation);
    manifest.put("kernels", network.kernels().id());
    manifest.put("seed", seed);
    manifest.put("batch", batch);
    manifest.put("input", "x/255 of bundled sample-set training images " + java.util.Arrays.toString(picks));
    manifest.put("loss", "mean softmax cross-entropy");
    manifest.put("loss_value", value);
    List<Map<String, Object>> layers = new ArrayList<>();
    for (Layer layer : network.layers()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", layer.name());
      entry.put("type", layer.getClass().getSimpleName());
      Map<String, Object> shapes = new LinkedHashMap<>();
      for (Param p : layer.params()) {
        shapes.put(p.name(), p.value().shape());
      }
      entry.put("params", shapes);
      layers.add(entry);
    }
    manifest.put("layers", layers);
    manifest.put("maxpool_near_ties", nearTies(network, net));
    manifest.put("layouts", Map.of("conv weights", "[out, in, kh, kw]", "dense weights", "[out, in]", "input", "NCHW"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return new Result(value, network.kernels());
  }

  /** Which sample-set training images a dump of {@code seed} uses. */
  static int[] picks(Cifar10 sample, long seed, int batch) {
    int[] picks = new int[batch];
    SplitMix64 rng = SplitMix64.derive(seed, 77);
    for (int i = 0; i < batch; i++) {
      picks[i] = rng.nextInt(sample.train().size());
    }
    return picks;
  }

  /** Those images as one batch, x/255, with their labels. */
  static Batch batch(Cifar10 sample, int[] picks) {
    ImageSet images = sample.train().select(picks);
    return BatchLoader.evaluation(
            images, picks.length, new Preprocessing.Scale().fit(images, null, Progress.NONE))
        .next();
  }

  /**
   * Per max-pool layer, the windows whose two largest inputs are equal or within {@link
   * #NEAR_TIE} (relative) of each other, other than windows of zeros (a ReLU's: no gradient passes
   * them). There rounding can decide which input wins and receives dL/dy, so the
   * gradients of the layers below can differ from another framework's (or from double precision)
   * by far more than rounding: with seed 4 one such window moves conv1's and conv2's weight
   * gradients by 2-3e-4 relative, whatever the activation (docs/performance.md).
   */
  private static List<Map<String, Object>> nearTies(Network network, Network.Bound net) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i < network.layers().size(); i++) {
      if (network.layers().get(i) instanceof Pool2d pool && pool.isMax()) {
        INDArray input = net.layers().get(i - 1).y();
        long[] shape = input.shape();
        long[] pooled = pool.outputShape(new long[] {shape[1], shape[2], shape[3]});
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("layer", pool.name());
        entry.put("windows", shape[0] * pooled[0] * pooled[1] * pooled[2]);
        entry.put(
            "near_ties",
            countNearTies(input.data().asFloat(), shape, pool.kernel(), pool.stride()));
        out.add(entry);
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
