package org.actbench.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.AlphaDropout;
import org.actbench.engine.layer.BatchNorm;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Dense;
import org.actbench.engine.layer.Dropout;
import org.actbench.engine.layer.Flatten;
import org.actbench.engine.layer.GlobalAvgPool;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.layer.Pool2d;
import org.actbench.engine.onednn.BlockedChain;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A feed-forward stack of layers built from a {@link NetworkSpec}.
 *
 * <p>Order of use: {@link #build}, then {@link #bind} for a batch size (cached), then per batch
 * fill {@link Bound#input()}, {@code forward}, write dL/dlogits into {@link Bound#dLogits()},
 * {@code backward}; the gradients are then in {@link #params()}.
 */
public final class Network {
  private final List<Layer> layers;
  private final long[] inputShape;
  private final DataType type;
  private final Kernels kernels;
  private final List<Param> params;
  private final Map<Long, Bound> bound = new HashMap<>();

  private Network(List<Layer> layers, long[] inputShape, DataType type, Kernels kernels) {
    this.layers = List.copyOf(layers);
    this.inputShape = inputShape.clone();
    this.type = type;
    this.kernels = kernels;
    List<Param> all = new ArrayList<>();
    for (Layer layer : this.layers) {
      all.addAll(layer.params());
    }
    this.params = List.copyOf(all); // read by the optimiser every step: built once
  }

  /**
   * Builds the layers in single precision, with initial weights from {@code seed}, on oneDNN where
   * it runs (else ND4J's ops).
   */
  public static Network build(NetworkSpec spec, long seed) {
    return build(spec, seed, Kernels.preferred());
  }

  /** Single precision on the given kernels (oneDNN falls back to ND4J where it cannot load). */
  public static Network build(NetworkSpec spec, long seed, Kernels kernels) {
    return build(spec, seed, DataType.FLOAT, Kernels.resolve(kernels));
  }

  /** In {@code type} on ND4J's ops: the oneDNN path is single precision only. */
  public static Network build(NetworkSpec spec, long seed, DataType type) {
    return build(spec, seed, type, Kernels.ND4J);
  }

  /** Builds the layers with initial weights from {@code seed} (see {@link Init}). */
  private static Network build(NetworkSpec spec, long seed, DataType type, Kernels kernels) {
    List<Layer> layers = new ArrayList<>();
    long[] shape = NetworkSpec.INPUT.clone();
    Map<String, Integer> counts = new HashMap<>();
    int convs = 0;
    int classifier = lastWeightedLayer(spec);
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec s = spec.layers().get(i);
      // He's factor 2 makes up for the ReLU after a layer; the classifier has none after it.
      Init init = i == classifier && spec.init() == Init.HE ? Init.LECUN : spec.init();
      checkInput(i, s, shape);
      Layer layer;
      if (s instanceof LayerSpec.Conv c) {
        convs++;
        INDArray w = init.weights(seed, i, type, c.out(), shape[0], c.kernel(), c.kernel());
        layer = new Conv2d("conv" + convs, w, Nd4j.zeros(type, c.out()), c.stride(), c.same());
      } else if (s instanceof LayerSpec.Dense d) {
        long in = shape[0];
        INDArray w = init.weights(seed, i, type, d.out(), in);
        layer = new Dense(name("fc", counts), w, Nd4j.zeros(type, d.out()));
      } else if (s instanceof LayerSpec.MaxPool p) {
        layer = new Pool2d(name("maxpool", counts), true, p.kernel(), p.stride());
      } else if (s instanceof LayerSpec.AvgPool p) {
        layer = new Pool2d(name("avgpool", counts), false, p.kernel(), p.stride());
      } else if (s instanceof LayerSpec.GlobalAvgPool) {
        layer = new GlobalAvgPool(name("gap", counts));
      } else if (s instanceof LayerSpec.Flatten) {
        layer = new Flatten(name("flatten", counts));
      } else if (s instanceof LayerSpec.BatchNorm) {
        layer = new BatchNorm(name("bn", counts), shape[0], type);
      } else if (s instanceof LayerSpec.Dropout d) {
        layer =
            new Dropout(
                name("dropout", counts), d.p(), SplitMix64.derive(seed, 1000 + i).nextLong());
      } else if (s instanceof LayerSpec.AlphaDropout d) {
        layer =
            new AlphaDropout(
                name("alphadropout", counts), d.p(), SplitMix64.derive(seed, 1000 + i).nextLong());
      } else {
        ActivationSpec act = ((LayerSpec.Act) s).activation();
        String n = name("act", counts);
        layer =
            act.isPrelu()
                ? new PRelu(n, Nd4j.valueArrayOf(new long[] {shape[0]}, PRelu.INITIAL_SLOPE, type))
                : new ActivationLayer(n, act.activation());
      }
      shape = layer.outputShape(shape);
      for (long d : shape) {
        if (d < 1) {
          throw new IllegalArgumentException(
              "layer "
                  + (i + 1)
                  + " ("
                  + layer.name()
                  + ") leaves no output: its input is smaller"
                  + " than its kernel; expected at least one position");
        }
      }
      layers.add(layer);
    }
    if (shape.length != 1 || shape[0] != spec.classes()) {
      throw new IllegalArgumentException(
          "the network ends in shape "
              + java.util.Arrays.toString(shape)
              + ", expected ["
              + spec.classes()
              + "]");
    }
    return new Network(layers, NetworkSpec.INPUT, type, kernels);
  }

  /** Conv and pooling layers need [C, H, W]; dense needs a flat input. */
  private static void checkInput(int index, LayerSpec s, long[] shape) {
    boolean spatial =
        s instanceof LayerSpec.Conv
            || s instanceof LayerSpec.MaxPool
            || s instanceof LayerSpec.AvgPool
            || s instanceof LayerSpec.GlobalAvgPool;
    String type = s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    if (spatial && shape.length != 3) {
      throw new IllegalArgumentException(
          "layer "
              + (index + 1)
              + " ("
              + type
              + ") needs an image-shaped input [C, H, W], got "
              + java.util.Arrays.toString(shape)
              + "; put it before flatten");
    }
    if (s instanceof LayerSpec.Dense && shape.length != 1) {
      throw new IllegalArgumentException(
          "layer "
              + (index + 1)
              + " (dense) needs a flat input, got "
              + java.util.Arrays.toString(shape)
              + "; add flatten or gap before it");
    }
  }

  private static int lastWeightedLayer(NetworkSpec spec) {
    int last = -1;
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec s = spec.layers().get(i);
      if (s instanceof LayerSpec.Conv || s instanceof LayerSpec.Dense) {
        last = i;
      }
    }
    return last;
  }

  private static String name(String kind, Map<String, Integer> counts) {
    return kind + counts.merge(kind, 1, Integer::sum);
  }

  public List<Layer> layers() {
    return layers;
  }

  public DataType dataType() {
    return type;
  }

  /** Which kernels run this network's layers. */
  public Kernels kernels() {
    return kernels;
  }

  /** All trainable parameters, in layer order. */
  public List<Param> params() {
    return params;
  }

  /** State that is not trained but must survive a checkpoint: BN's running statistics, by name. */
  public Map<String, INDArray> buffers() {
    Map<String, INDArray> out = new java.util.LinkedHashMap<>();
    for (Layer layer : layers) {
      if (layer instanceof BatchNorm bn) {
        out.put(layer.name() + ".runningMean", bn.runningMean());
        out.put(layer.name() + ".runningVar", bn.runningVar());
      }
    }
    return out;
  }

  /**
   * Whether every parameter and BN running statistic is finite (no NaN, no ±∞): a run whose loss is
   * finite can still hold broken weights after its last update. Reads every value: call it at
   * checkpoints and at the end, not every step.
   */
  public boolean allFinite() {
    List<INDArray> arrays = new ArrayList<>(buffers().values());
    params.forEach(p -> arrays.add(p.value()));
    for (INDArray a : arrays) {
      if (BooleanIndexing.or(a, Conditions.notFinite())) {
        return false;
      }
    }
    return true;
  }

  /** Total number of trainable values. */
  public long parameterCount() {
    return params().stream().mapToLong(p -> p.value().length()).sum();
  }

  /** The network bound to buffers for {@code batch} examples; built once per batch size. */
  public Bound bind(long batch) {
    return bound.computeIfAbsent(batch, Bound::new);
  }

  /** The layers bound to their buffers for one batch size. */
  public final class Bound {
    private final INDArray input;
    private final List<Layer.Bound> chain;
    private final BlockedChain blocked; // the oneDNN binding, or null on ND4J's

    private Bound(long batch) {
      long[] shape = new long[inputShape.length + 1];
      shape[0] = batch;
      System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
      input = Nd4j.zeros(type, shape);
      Threads.blasFor(kernels);
      if (kernels == Kernels.ONEDNN) {
        blocked = BlockedChain.bind(layers, input);
        chain = blocked.layers();
        return;
      }
      blocked = null;
      List<Layer.Bound> bound = new ArrayList<>();
      INDArray x = input;
      INDArray dLdx = null; // nobody needs the gradient of the images
      for (Layer layer : layers) {
        Layer.Bound b = layer.bind(x, dLdx);
        bound.add(b);
        x = b.y();
        dLdx = b.dLdy();
      }
      chain = List.copyOf(bound);
    }

    /** Where the batch's images go: [N, 3, 32, 32]. */
    public INDArray input() {
      return input;
    }

    /** [N, K], written by forward. */
    public INDArray logits() {
      return chain.get(chain.size() - 1).y();
    }

    /** [N, K], to be written before backward. */
    public INDArray dLogits() {
      return chain.get(chain.size() - 1).dLdy();
    }

    /**
     * The bound layers, in order: their y() are the activations the metrics read, and their dLdy()
     * the gradients, after an observed pass (see {@link #observe}).
     */
    public List<Layer.Bound> layers() {
      return chain;
    }

    /**
     * Whether the following passes leave every layer's y() and dLdy() readable. ND4J's binding
     * always does; oneDNN's keeps activations in its own layouts and fuses them away unless
     * observed, so measurements observe the passes they read and training runs unobserved. Passes
     * are observed until this is set off.
     */
    public void observe(boolean on) {
      if (blocked != null) {
        blocked.observe(on);
      }
    }

    public boolean observed() {
      return blocked == null || blocked.observed();
    }

    /**
     * The channel means of layer i's output after each forward pass, read where they lie: on
     * oneDNN's binding in the blocked layout, observed or not; on ND4J's from y(). Made once per
     * layer and reused every step.
     */
    public ChannelMeans channelMeans(int i) {
      ChannelMeans blockedMeans = blocked == null ? null : blocked.channelMeans(i);
      return blockedMeans != null ? blockedMeans : new PlainChannelMeans(chain.get(i).y());
    }

    /**
     * Layer i's input (layer i − 1's output; i ≥ 1) after each forward pass, read where it lies: on
     * oneDNN's binding in the blocked layout, observed or not; on ND4J's from y().
     */
    public LayerInput layerInput(int i) {
      LayerInput blockedInput = blocked == null ? null : blocked.output(i - 1);
      return blockedInput != null ? blockedInput : plainInput(chain.get(i - 1).y());
    }

    private static LayerInput plainInput(INDArray y) {
      if (y.ordering() != 'c' || y.elementWiseStride() != 1 || y.dataType() != DataType.FLOAT) {
        throw new IllegalStateException("layer outputs are dense, c-ordered float arrays");
      }
      int[] dims =
          y.rank() == 2
              ? new int[] {(int) y.size(0), (int) y.size(1), 1, 1}
              : new int[] {(int) y.size(0), (int) y.size(1), (int) y.size(2), (int) y.size(3)};
      return new LayerInput(y.data().asNioFloat(), (int) y.offset(), dims, 1);
    }

    public void forward(boolean training) {
      for (Layer.Bound b : chain) {
        b.forward(training);
      }
    }

    public void backward() {
      for (int i = chain.size() - 1; i >= 0; i--) {
        chain.get(i).backward();
      }
    }
  }
}
