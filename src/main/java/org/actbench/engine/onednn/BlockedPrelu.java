package org.actbench.engine.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.actbench.engine.Param;
import org.actbench.engine.layer.PRelu;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.prelu_backward;
import org.bytedeco.dnnl.prelu_forward;

/**
 * {@link PRelu} by oneDNN's PReLU primitive, in the input's layout: y = x &gt; 0 ? x : s_c·x with
 * the slopes as weights [1, C, 1, 1] broadcast over batch and positions; backward gives dL/dx and
 * dL/ds_c = Σ dL/dy·min(0, x) together.
 */
final class BlockedPrelu extends BlockedLayer {
  private final Chain.Copy slopesIn; // the [C] slopes into the primitive's layout, or null
  private final Chain.Call forward;
  private final Chain.Call backward;
  private final Chain.Copy slopeGradOut; // into the [C] gradient, or null
  private final Tensor diffSrc; // dx, or scratch the primitive writes when nothing reads it

  /**
   * @param dx where dL/dx goes, or null
   */
  BlockedPrelu(Chain chain, PRelu prelu, Tensor x, Tensor dx) {
    super(chain, x.desc());
    Param slope = prelu.params().get(0);
    long[] dims = {1, x.dims()[1], 1, 1};
    memory.desc any = new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    prelu_forward.primitive_desc pd =
        new prelu_forward.primitive_desc(
            new prelu_forward.desc(prop_kind.forward_training, x.desc(), any), Dnnl.cpu());
    Tensor plainSlopes = Tensor.over(slope.value(), dims, memory.format_tag.abcd);
    Tensor slopes = plainSlopes.inLayout(pd.weights_desc());
    slopesIn = Chain.Copy.ifNeeded(plainSlopes, slopes);
    forward =
        new Chain.Call(
            new prelu_forward(pd),
            new IntMemoryMap()
                .put(DNNL_ARG_SRC, x.dnnlMemory())
                .put(DNNL_ARG_WEIGHTS, slopes.dnnlMemory())
                .put(DNNL_ARG_DST, out().dnnlMemory()));
    prelu_backward.primitive_desc backwardPd =
        new prelu_backward.primitive_desc(
            new prelu_backward.desc(x.desc(), slopes.desc(), x.desc(), any), Dnnl.cpu(), pd);
    Tensor plainGrad = Tensor.over(slope.grad(), dims, memory.format_tag.abcd);
    Tensor slopeGrad = plainGrad.inLayout(backwardPd.diff_weights_desc());
    slopeGradOut = Chain.Copy.ifNeeded(slopeGrad, plainGrad);
    diffSrc = dx != null ? dx : Tensor.allocate(x.desc());
    backward =
        new Chain.Call(
            new prelu_backward(backwardPd),
            new IntMemoryMap()
                .put(DNNL_ARG_SRC, x.dnnlMemory())
                .put(DNNL_ARG_WEIGHTS, slopes.dnnlMemory())
                .put(DNNL_ARG_DIFF_DST, outGrad().dnnlMemory())
                .put(DNNL_ARG_DIFF_SRC, diffSrc.dnnlMemory())
                .put(DNNL_ARG_DIFF_WEIGHTS, slopeGrad.dnnlMemory()));
  }

  @Override
  void compute(boolean training) {
    if (slopesIn != null) {
      chain.run(slopesIn);
    }
    chain.run(forward);
  }

  @Override
  void computeBackward() {
    chain.run(backward);
    if (slopeGradOut != null) {
      chain.run(slopeGradOut);
    }
  }
}
