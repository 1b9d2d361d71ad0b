package org.actbench.engine.onednn;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.ChannelMeans;
import org.actbench.engine.LayerInput;
import org.actbench.engine.Threads;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.BatchNorm;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Flatten;
import org.actbench.engine.layer.GlobalAvgPool;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.layer.Pool2d;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's layers bound to oneDNN for one batch size. From the input batch (reordered once into
 * the first convolution's layout) to the flatten or global pool, activations stay in the layouts
 * the primitives chose; an activation right after a convolution is fused into it where its
 * derivative comes from its output; the flatten reorders into plain NCHW for the dense layers,
 * which stay on ND4J (gemm). A max pool right above an activation whose derivative comes from its
 * output applies that derivative to its own, smaller tensors on unobserved passes ({@link
 * BlockedPool#absorb}). Primitives are created here, once, and reused every pass.
 *
 * <p>{@link #layers()} holds one bound layer per network layer, as the ND4J binding does; their
 * {@code y()} and {@code dLdy()} hold plain copies after observed passes only ({@link #observe}).
 */
public final class BlockedChain {
  private final Chain chain;
  private final List<Layer.Bound> layers;

  private BlockedChain(Chain chain, List<Layer.Bound> layers) {
    this.chain = chain;
    this.layers = List.copyOf(layers);
  }

  /**
   * @param input where the batch's images go, plain NCHW; no gradient is computed for it
   */
  public static BlockedChain bind(List<Layer> network, INDArray input) {
    Chain chain = new Chain(Threads.configured());
    List<Layer.Bound> bound = new ArrayList<>();
    Tensor x = Tensor.over(input, memory.format_tag.nchw);
    Tensor dx = null;
    int edgeAt = 0;
    while (edgeAt < network.size()
        && !(network.get(edgeAt) instanceof Flatten
            || network.get(edgeAt) instanceof GlobalAvgPool)) {
      edgeAt++;
    }
    List<BlockedOutput> blocked = bindBlocked(chain, network.subList(0, edgeAt), x, null);
    bound.addAll(blocked);
    if (!blocked.isEmpty()) {
      x = blocked.get(blocked.size() - 1).out();
      dx = blocked.get(blocked.size() - 1).outGrad();
    }
    if (edgeAt == network.size()) {
      return new BlockedChain(chain, bound);
    }
    Layer edgeLayer = network.get(edgeAt);
    PlainEdge edge =
        edgeLayer instanceof Flatten
            ? PlainEdge.flatten(chain, x, dx)
            : PlainEdge.globalAveragePool(chain, x, dx);
    bound.add(edge);
    INDArray plainX = edge.y(); // past the edge: ND4J layers in plain layout
    INDArray plainDx = edge.dLdy();
    for (Layer layer : network.subList(edgeAt + 1, network.size())) {
      Layer.Bound b = layer.bind(plainX, plainDx);
      bound.add(b);
      plainX = b.y();
      plainDx = b.dLdy();
    }
    return new BlockedChain(chain, bound);
  }

  /**
   * Layers of the blocked part (no flatten or global pooling), from x to the last one's output:
   * each activation right after a convolution bound with it, each max pool right after an
   * activation taking over its backward where it can.
   *
   * @param dx where dL/dx goes, or null
   */
  static List<BlockedOutput> bindBlocked(Chain chain, List<Layer> layers, Tensor x, Tensor dx) {
    List<BlockedOutput> bound = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<BlockedOutput> b;
      if (layer instanceof Conv2d conv
          && i + 1 < layers.size()
          && layers.get(i + 1) instanceof ActivationLayer act) {
        b = bindWithActivation(chain, conv, act, x, dx);
        i++;
      } else {
        b = List.of(bind(chain, layer, x, dx));
        if (b.get(0) instanceof BlockedPool pool
            && !bound.isEmpty()
            && bound.get(bound.size() - 1) instanceof BlockedActivation below) {
          pool.absorb(below);
        }
      }
      bound.addAll(b);
      x = b.get(b.size() - 1).out();
      dx = b.get(b.size() - 1).outGrad();
    }
    return bound;
  }

  /**
   * A convolution and the activation above it: the activation fused into the convolution where its
   * derivative comes from its output and oneDNN has the fused primitive, else one after the other.
   */
  static List<BlockedOutput> bindWithActivation(
      Chain chain, Conv2d conv, ActivationLayer act, Tensor x, Tensor dx) {
    BlockedConv c = BlockedConv.bind(chain, conv, x, dx);
    Tensor a = Tensor.allocate(c.out().desc());
    boolean fused =
        BlockedActivation.fuses(act.activation()) && c.fuse(Eltwise.of(act.activation()), a);
    return List.of(
        c, new BlockedActivation(chain, act.activation(), c.out(), c.outGrad(), a, fused));
  }

  /** One layer of the blocked part: not flatten or global pooling, which end it. */
  static BlockedOutput bind(Chain chain, Layer layer, Tensor x, Tensor dx) {
    if (layer instanceof Conv2d conv) {
      return BlockedConv.bind(chain, conv, x, dx);
    } else if (layer instanceof ActivationLayer act) {
      return new BlockedActivation(
          chain, act.activation(), x, dx, Tensor.allocate(x.desc()), false);
    } else if (layer instanceof Pool2d pool) {
      return BlockedPool.bind(chain, pool, x, dx);
    } else if (layer instanceof BatchNorm bn) {
      return new BlockedBatchNorm(chain, bn, x, dx);
    } else if (layer instanceof PRelu prelu) {
      return new BlockedPrelu(chain, prelu, x, dx);
    }
    return new PlainIsland(chain, layer, x, dx); // dropout and alpha dropout
  }

  /** One bound layer per network layer, in order. */
  public List<Layer.Bound> layers() {
    return layers;
  }

  /**
   * The channel means of layer i's output read in its own layout, or null for a layer past the
   * blocked part (its y() is plain on every pass).
   */
  public ChannelMeans channelMeans(int i) {
    return layers.get(i) instanceof BlockedOutput b
        ? new BlockedChannelMeans(chain, b.out())
        : null;
  }

  /**
   * Layer i's output in its own layout, or null for a layer past the blocked part (plain on every
   * pass).
   */
  public LayerInput output(int i) {
    return layers.get(i) instanceof BlockedOutput b ? b.out().asLayerInput() : null;
  }

  /**
   * Whether the following passes write every layer's output and gradient in plain NCHW (and the
   * pre-activations of fused layers): on for the steps the metrics read, off for speed. On after
   * binding.
   */
  public void observe(boolean on) {
    chain.observe(on);
  }

  public boolean observed() {
    return chain.observed();
  }
}
