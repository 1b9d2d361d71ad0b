package org.actbench.engine.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import org.actbench.engine.activation.Activation;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation a = f(z) on blocked memory, z and a in the same layout.
 *
 * <p>Forward: nothing when fused (the convolution below writes f(conv) into a), else an eltwise
 * primitive. Backward: dL/dz = dL/da ⊙ f', from the output where the formula allows (ELU: a &gt; 0
 * ? 1 : a + α, no exponential), by oneDNN's {@code *_use_dst_for_bwd} primitives or our ND4J
 * kernels. Pointwise maths does not care about the layout, so ND4J's kernels (GELU, SELU's
 * derivative) run on the blocked buffers as flat arrays.
 */
final class BlockedActivation extends BlockedLayer {
  private final Chain.Call forward; // oneDNN's forward, or null (fused, or ND4J's)
  private final Chain.Call backward; // oneDNN's backward, or null
  private final Activation.Bound nd4j; // ND4J's kernels for both passes, or null
  private final Runnable backwardFromOutput; // ND4J's kernels from a, or null
  private final Eltwise eltwise;
  private final Tensor dz; // null when nothing below needs dL/dz
  private boolean movedAbovePool; // unobserved passes: a max pool above does our backward

  /**
   * @param z the input (the convolution's output, which unobserved fused passes leave unwritten)
   * @param dz where dL/dz goes, or null when nothing below needs it
   * @param a the output buffer, in z's layout
   * @param fused whether the convolution below writes a itself
   */
  BlockedActivation(Chain chain, Activation f, Tensor z, Tensor dz, Tensor a, boolean fused) {
    super(chain, a);
    Eltwise e = Eltwise.of(f);
    this.eltwise = e;
    this.dz = dz;
    INDArray dzFlat = flat(dz != null ? dz.buffer() : z.buffer().like()); // else written, unread
    boolean onednnForward =
        !fused && e.forwardByOnednn() && e.derivative() != Eltwise.Derivative.ND4J;
    if (!fused && !onednnForward) { // GELU; SELU after something other than a convolution
      nd4j = f.bind(flat(z.buffer()), a.buffer(), outGrad().buffer(), dzFlat);
      forward = null;
      backward = null;
      backwardFromOutput = null;
      return;
    }
    nd4j = null;
    // Built for the forward primitive, or as the hint the backward primitive needs when fused.
    eltwise_forward.primitive_desc forwardPd =
        new eltwise_forward.primitive_desc(
            new eltwise_forward.desc(
                prop_kind.forward_training, e.standaloneForward(), z.desc(), e.alpha(), e.beta()),
            Dnnl.cpu());
    forward =
        onednnForward
            ? new Chain.Call(
                new eltwise_forward(forwardPd),
                new IntMemoryMap()
                    .put(DNNL_ARG_SRC, z.dnnlMemory())
                    .put(DNNL_ARG_DST, a.dnnlMemory()))
            : null;
    if (e.derivative() == Eltwise.Derivative.ND4J_FROM_OUTPUT) {
      backwardFromOutput = f.bindFromOutput(a.buffer(), outGrad().buffer(), dzFlat);
      backward = null;
      return;
    }
    backwardFromOutput = null;
    boolean fromOutput = e.derivative() == Eltwise.Derivative.ONEDNN_FROM_OUTPUT;
    backward =
        dz == null
            ? null
            : new Chain.Call(
                new eltwise_backward(
                    new eltwise_backward.primitive_desc(
                        new eltwise_backward.desc(
                            e.backward(),
                            outGrad().desc(),
                            fromOutput ? a.desc() : z.desc(),
                            e.alpha(),
                            e.beta()),
                        Dnnl.cpu(),
                        forwardPd)),
                new IntMemoryMap()
                    .put(
                        fromOutput ? DNNL_ARG_DST : DNNL_ARG_SRC,
                        fromOutput ? a.dnnlMemory() : z.dnnlMemory())
                    .put(DNNL_ARG_DIFF_DST, outGrad().dnnlMemory())
                    .put(DNNL_ARG_DIFF_SRC, dz.dnnlMemory()));
  }

  /**
   * Hands this backward to the max pool above on unobserved passes, which applies it to its own
   * output and gradient, a quarter of ours for 2x2 windows (see {@link BlockedPool#absorb}).
   *
   * @return the same backward on the pool's tensors, from {@code pooled} (a pooled f(z)) and {@code
   *     pooledGrad} into {@code into}; null (nothing changes) unless ours is oneDNN's, from the
   *     output
   */
  Chain.Call moveAbove(Tensor pooled, Tensor pooledGrad, Tensor into) {
    if (backward == null || eltwise.derivative() != Eltwise.Derivative.ONEDNN_FROM_OUTPUT) {
      return null;
    }
    eltwise_forward.primitive_desc hint =
        new eltwise_forward.primitive_desc(
            new eltwise_forward.desc(
                prop_kind.forward_training,
                eltwise.standaloneForward(),
                pooled.desc(),
                eltwise.alpha(),
                eltwise.beta()),
            Dnnl.cpu());
    movedAbovePool = true;
    return new Chain.Call(
        new eltwise_backward(
            new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(
                    eltwise.backward(),
                    pooledGrad.desc(),
                    pooled.desc(),
                    eltwise.alpha(),
                    eltwise.beta()),
                Dnnl.cpu(),
                hint)),
        new IntMemoryMap()
            .put(DNNL_ARG_DST, pooled.dnnlMemory())
            .put(DNNL_ARG_DIFF_DST, pooledGrad.dnnlMemory())
            .put(DNNL_ARG_DIFF_SRC, into.dnnlMemory()));
  }

  /** Where dL/dz goes, or null. */
  Tensor inputGrad() {
    return dz;
  }

  /** Whether f can be a convolution's post-op: its derivative must come from its output. */
  static boolean fuses(Activation f) {
    return Eltwise.of(f).fuses();
  }

  private static INDArray flat(INDArray a) {
    return a.reshape(a.length());
  }

  @Override
  void compute(boolean training) {
    if (forward != null) {
      chain.run(forward);
    } else if (nd4j != null) {
      nd4j.forward();
    }
  }

  @Override
  void computeBackward() {
    if (movedAbovePool && !chain.observed()) {
      return; // the pool above wrote dL/dz
    }
    if (backward != null) {
      chain.run(backward);
    } else if (backwardFromOutput != null) {
      backwardFromOutput.run();
    } else if (nd4j != null) {
      nd4j.backward();
    }
  }
}
