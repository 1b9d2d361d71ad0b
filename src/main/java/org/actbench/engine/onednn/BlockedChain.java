package org.actbench.engine.onednn;

import java.util.ArrayList;
import java.util.List;
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
 * which stay on ND4J (gemm). Primitives are created here, once, and reused every pass.
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
    INDArray plainX = null; // past the edge: ND4J layers in plain layout
    INDArray plainDx = null;
    for (int i = 0; i < network.size(); i++) {
      Layer layer = network.get(i);
      if (plainX != null) {
        Layer.Bound b = layer.bind(plainX, plainDx);
        bound.add(b);
        plainX = b.y();
        plainDx = b.dLdy();
        continue;
      }
      if (layer instanceof Flatten || layer instanceof GlobalAvgPool) {
        PlainEdge edge =
            layer instanceof Flatten
                ? PlainEdge.flatten(chain, x, dx)
                : PlainEdge.globalAveragePool(chain, x, dx);
        bound.add(edge);
        plainX = edge.y();
        plainDx = edge.dLdy();
        continue;
      }
      List<BlockedOutput> b;
      if (layer instanceof Conv2d conv
          && i + 1 < network.size()
          && network.get(i + 1) instanceof ActivationLayer act) {
        b = bindWithActivation(chain, conv, act, x, dx);
        i++;
      } else {
        b = List.of(bind(chain, layer, x, dx));
      }
      bound.addAll(b);
      x = b.get(b.size() - 1).out();
      dx = b.get(b.size() - 1).outGrad();
    }
    return new BlockedChain(chain, bound);
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
