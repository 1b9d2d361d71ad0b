package org.actbench.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.actbench.data.BatchLoader;
import org.actbench.data.ImageSet;
import org.actbench.data.Preprocessor;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Param;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.optim.Optimizer;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.Snapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a network does with one image: every activation layer's maps (its output for that image,
 * channel by channel) and the first convolution's filters. The weights are a run's latest
 * checkpoint, or a copy of a running run's state, put into a network of its own (ND4J's kernels,
 * plain NCHW, so every output is readable), never the training thread's: the maps are computed
 * beside training, not in it.
 */
public final class ActivationMaps {
  private ActivationMaps() {}

  /**
   * A stack of maps: {@code channels} maps of {@code height × width}, row-major per channel.
   *
   * @param name the layer's name, e.g. {@code act2}
   */
  public record Grid(String name, int channels, int height, int width, float[] values) {
    public float at(int c, int y, int x) {
      return values[(c * height + y) * width + x];
    }
  }

  /**
   * The maps of one image.
   *
   * @param step the checkpoint's step (0: the initial weights, no checkpoint yet)
   * @param layers each activation layer's maps, in the network's order
   * @param filters the first convolution's filters: one map per (output, input channel), {@code
   *     channels} = outputs × inputs, or null without a convolution
   * @param inputs the first convolution's input channels (3: RGB)
   * @param predicted the class the network gives the image
   */
  public record Maps(long step, List<Grid> layers, Grid filters, int inputs, int predicted) {}

  /**
   * Builds the network of {@code spec} with {@code seed}'s initial weights, loads the newest
   * checkpoint of {@code runDir} if there is one, and passes test image {@code image} through it in
   * inference mode.
   *
   * @param optimizer the run's optimiser (a checkpoint holds its state too; it is only read)
   * @throws IllegalArgumentException if the checkpoint is damaged (naming it)
   */
  public static Maps of(
      NetworkSpec spec,
      long seed,
      Optimizer optimizer,
      Path runDir,
      ImageSet test,
      Preprocessor pre,
      int image)
      throws IOException {
    Network network = Network.build(spec, seed, Kernels.ND4J);
    Optional<Path> latest = Checkpoint.latest(runDir);
    long step = 0;
    if (latest.isPresent()) {
      Checkpoint.Loaded loaded = Checkpoint.load(latest.get(), network, optimizer);
      loaded.applyTo(network, optimizer);
      step = loaded.info().start().step();
    }
    return through(network, step, test, pre, image);
  }

  /**
   * As {@link #of(NetworkSpec, long, Optimizer, Path, ImageSet, Preprocessor, int)}, with the
   * weights of a state the training thread copied ({@link Snapshot}: a running run's, live) instead
   * of a checkpoint.
   *
   * @throws IllegalArgumentException if the state is not of this network
   */
  public static Maps of(
      NetworkSpec spec,
      long seed,
      Optimizer optimizer,
      Snapshot state,
      ImageSet test,
      Preprocessor pre,
      int image) {
    Network network = Network.build(spec, seed, Kernels.ND4J);
    state.applyTo(network, optimizer);
    return through(network, state.step(), test, pre, image);
  }

  /** Passes test image {@code image} through {@code network}, whose weights are of {@code step}. */
  private static Maps through(
      Network network, long step, ImageSet test, Preprocessor pre, int image) {
    ImageSet one = test.select(new int[] {image});
    INDArray x = BatchLoader.evaluation(one, 1, pre).next().x(); // [1, 3, 32, 32]
    Network.Bound bound = network.bind(1);
    bound.input().assign(x);
    bound.forward(false);
    List<Grid> grids = new ArrayList<>();
    List<Layer> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      INDArray y = bound.layers().get(i).y();
      if ((layer instanceof ActivationLayer || layer instanceof PRelu) && y.rank() == 4) {
        grids.add(grid(layer.name(), y.get(NDArrayIndex.point(0))));
      }
    }
    Grid filters = null;
    int inputs = 0;
    for (Layer layer : layers) {
      if (layer instanceof Conv2d conv) {
        Param w = conv.params().get(0); // [O, I, k, k]
        long[] s = w.value().shape();
        inputs = (int) s[1];
        filters = grid(conv.name(), w.value().reshape(s[0] * s[1], s[2], s[3]));
        break;
      }
    }
    int predicted = bound.logits().argMax(1).getInt(0);
    return new Maps(step, grids, filters, inputs, predicted);
  }

  /** [C, H, W] as floats, row-major. */
  private static Grid grid(String name, INDArray chw) {
    long[] s = chw.shape();
    float[] v = chw.dup('c').castTo(DataType.FLOAT).data().asFloat();
    return new Grid(name, (int) s[0], (int) s[1], (int) s[2], v);
  }
}
