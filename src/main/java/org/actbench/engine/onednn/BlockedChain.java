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
      BlockedOutput b;
      if (layer instanceof Conv2d conv) {
        BlockedConv c = BlockedConv.bind(chain, conv, x, dx);
        bound.add(c);
        b = c;
        if (i + 1 < network.size()
            && network.get(i + 1) instanceof ActivationLayer act
            && BlockedActivation.fuses(act.activation())) {
          Tensor a = Tensor.allocate(c.out().desc());
          boolean fused = c.fuse(Eltwise.of(act.activation()), a);
          b = new BlockedActivation(chain, act.activation(), c.out(), c.outGrad(), a, fused);
          bound.add(b);
          i++;
        }
      } else if (layer instanceof ActivationLayer act) {
        b = new BlockedActivation(chain, act.activation(), x, dx, Tensor.allocate(x.desc()), false);
        bound.add(b);
      } else if (layer instanceof Pool2d pool) {
        b = BlockedPool.bind(chain, pool, x, dx);
        bound.add(b);
      } else if (layer instanceof BatchNorm bn) {
        b = new BlockedBatchNorm(chain, bn, x, dx);
        bound.add(b);
      } else if (layer instanceof PRelu prelu) {
        b = new BlockedPrelu(chain, prelu, x, dx);
        bound.add(b);
      } else { // dropout and alpha dropout
        b = new PlainIsland(chain, layer, x, dx);
        bound.add(b);
      }
      x = b.out();
      dx = b.outGrad();
    }
    return new BlockedChain(chain, bound);
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
