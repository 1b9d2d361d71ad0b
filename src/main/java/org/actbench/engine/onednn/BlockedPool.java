package org.actbench.engine.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.actbench.engine.layer.Pool2d;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;

/**
 * {@link Pool2d} by oneDNN, in the input's layout: max (the forward records each window's winner in
 * a workspace, so backward routes dL/dy without searching again) or average, k x k windows, stride
 * s, no padding. Also global average pooling (one window over the whole map), the edge before the
 * classifier: see {@link PlainEdge}.
 */
final class BlockedPool extends BlockedLayer {
  private final Chain.Call forward;
  private final Chain.Call backward; // null when nothing below needs dL/dx
  private final pooling_backward backwardPrimitive; // null when nothing below needs dL/dx
  private final memory workspace; // max pooling's winners, or null
  private final boolean disjoint; // windows do not overlap (stride >= window)
  private Tensor scaledGrad; // f'(y) ⊙ dL/dy; a field: the primitives hold only its address
  private Chain.Call activationBackward; // the activation below's, on our tensors, or null
  private Chain.Call backwardPastActivation; // dL/dy' routed straight into dL/dz, or null

  /**
   * @param window {kernel height, kernel width}
   * @param stride {vertical, horizontal}
   * @param dx where dL/dx goes, or null
   */
  static BlockedPool bind(
      Chain chain, boolean max, long[] window, long[] stride, Tensor x, Tensor dx) {
    long[] d = x.dims();
    long[] out = {
      d[0], d[1], (d[2] - window[0]) / stride[0] + 1, (d[3] - window[1]) / stride[1] + 1
    };
    algorithm kind = max ? algorithm.pooling_max : algorithm.pooling_avg_include_padding;
    long[] none = {0, 0};
    pooling_forward.primitive_desc pd =
        new pooling_forward.primitive_desc(
            new pooling_forward.desc(
                prop_kind.forward_training,
                kind,
                x.desc(),
                new memory.desc(out, memory.data_type.f32, memory.format_tag.any),
                stride,
                window,
                none,
                none),
            Dnnl.cpu());
    pooling_backward.primitive_desc backwardPd =
        dx == null
            ? null
            : new pooling_backward.primitive_desc(
                new pooling_backward.desc(
                    kind, dx.desc(), pd.dst_desc(), stride, window, none, none),
                Dnnl.cpu(),
                pd);
    boolean disjoint = stride[0] >= window[0] && stride[1] >= window[1];
    return new BlockedPool(chain, pd, backwardPd, x, dx, max && disjoint);
  }

  static BlockedPool bind(Chain chain, Pool2d pool, Tensor x, Tensor dx) {
    long[] k = {pool.kernel(), pool.kernel()};
    long[] s = {pool.stride(), pool.stride()};
    return bind(chain, pool.isMax(), k, s, x, dx);
  }

  private BlockedPool(
      Chain chain,
      pooling_forward.primitive_desc pd,
      pooling_backward.primitive_desc backwardPd,
      Tensor x,
      Tensor dx,
      boolean disjointMax) {
    super(chain, pd.dst_desc());
    this.disjoint = disjointMax;
    memory.desc workspaceDesc = pd.workspace_desc();
    workspace = workspaceDesc.get_size() > 0 ? new memory(workspaceDesc, Dnnl.cpu()) : null;
    IntMemoryMap forwardArgs =
        new IntMemoryMap().put(DNNL_ARG_SRC, x.dnnlMemory()).put(DNNL_ARG_DST, out().dnnlMemory());
    if (workspace != null) {
      forwardArgs.put(DNNL_ARG_WORKSPACE, workspace);
    }
    forward = new Chain.Call(new pooling_forward(pd), forwardArgs);
    if (backwardPd == null) {
      backward = null;
      backwardPrimitive = null;
      return;
    }
    backwardPrimitive = new pooling_backward(backwardPd);
    IntMemoryMap backwardArgs =
        new IntMemoryMap()
            .put(DNNL_ARG_DIFF_DST, outGrad().dnnlMemory())
            .put(DNNL_ARG_DIFF_SRC, dx.dnnlMemory());
    if (workspace != null) {
      backwardArgs.put(DNNL_ARG_WORKSPACE, workspace);
    }
    backward = new Chain.Call(backwardPrimitive, backwardArgs);
  }

  /**
   * Takes over the backward of the activation a = f(z) below, on unobserved passes, where f's
   * derivative comes from its output: dL/dz = route(f'(y) ⊙ dL/dy) instead of f'(a) ⊙ route(dL/dy).
   *
   * <p>Why it is the same: max pooling with disjoint windows routes each dL/dy to the one input
   * that won its window, whose a is y itself, and sends zero everywhere else, where f'(a) ⊙ 0 = 0.
   * Each element is the same product of the same two floats, so the results are equal bit for bit,
   * on a quarter of the elements for 2x2 windows. Observed passes keep the plain order, since the
   * metrics read dL/da. Overlapping windows would sum before the product: not taken.
   *
   * @return whether it did
   */
  boolean absorb(BlockedActivation below) {
    if (!disjoint || backwardPrimitive == null || below.inputGrad() == null) {
      return false;
    }
    Tensor scaled = Tensor.allocate(out().desc());
    activationBackward = below.moveAbove(out(), outGrad(), scaled);
    if (activationBackward == null) {
      return false;
    }
    scaledGrad = scaled;
    IntMemoryMap args =
        new IntMemoryMap()
            .put(DNNL_ARG_DIFF_DST, scaledGrad.dnnlMemory())
            .put(DNNL_ARG_DIFF_SRC, below.inputGrad().dnnlMemory());
    if (workspace != null) {
      args.put(DNNL_ARG_WORKSPACE, workspace);
    }
    backwardPastActivation = new Chain.Call(backwardPrimitive, args);
    return true;
  }

  @Override
  void compute(boolean training) {
    chain.run(forward);
  }

  @Override
  void computeBackward() {
    if (backwardPastActivation != null && !chain.observed()) {
      chain.run(activationBackward);
      chain.run(backwardPastActivation);
    } else if (backward != null) {
      chain.run(backward);
    }
  }
}
