package org.actbench.engine.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.actbench.engine.Param;
import org.actbench.engine.layer.Conv2d;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.primitive_desc_base;

/**
 * {@link Conv2d} by oneDNN: y = b + W ⋆ x in the layouts the primitives choose (nChw16c
 * activations, ABcd16b16a weights on AVX-512), optionally with the activation above applied in the
 * same pass (a post-op: one write of f(y) instead of a write of y, a read and a write).
 *
 * <p>Backward: dL/dW and dL/db in one backward-weights primitive; dL/dx by backward-data, skipped
 * for the first layer, whose input gradient nobody needs. The weights stay plain OIHW ND4J arrays
 * (the optimiser, checkpoints and dumps see them so) and are reordered into the primitives' layouts
 * each forward: 9,216 floats for the reference net's conv2, against 2,097,152 activations.
 *
 * <p>Where oneDNN has Winograd kernels for the geometry (3x3, stride 1, on AVX-512: F(4x4, 3x3),
 * forward, backward-data and backward-weights) and both channel counts fill whole 16-channel
 * blocks, it runs them: 1.4–1.9x faster than direct on the reference net's conv2–4, and within
 * 1.7e-6 of direct (largest difference over largest value, measured on their shapes), float32's own
 * rounding. Only whole blocks: oneDNN 2.5's Winograd backward-weights crashed the process on 5
 * input channels. Elsewhere, or where any of the three is missing, direct throughout.
 */
final class BlockedConv extends BlockedLayer {
  /** Off with {@code -Dactbench.winograd=false}: direct convolutions everywhere, for comparison. */
  private static final boolean WINOGRAD_ALLOWED =
      Boolean.parseBoolean(System.getProperty("actbench.winograd", "true"));

  private final Chain.Copy srcIn; // x into the layout the primitive reads, or null
  private final Chain.Copy weightsIn; // W into the forward layout, or null if it reads OIHW
  private final Chain.Call forward; // into out() (z)
  private final Chain.Copy weightsInBackward; // W into backward-data's layout, or null
  private final Chain.Call backwardData; // null for the first layer
  private final Chain.Copy diffSrcOut; // into dx's layout, or null
  private final Chain.Copy diffDstIn; // dL/dz into backward-weights' layout, or null
  private final Chain.Call backwardWeights;
  private final Chain.Copy weightGradOut; // blocked dW into the OIHW gradient, or null
  private final Shape shape;
  private final Tensor src;
  private final Tensor weights; // in the forward layout
  private final Tensor bias;
  private final convolution_forward.primitive_desc forwardPd;
  private final algorithm kind; // direct, or Winograd where oneDNN has it for this geometry
  private Chain.Call fused; // conv + activation into the activation's output, or null

  /** The geometry of one convolution, in oneDNN's terms. */
  private record Shape(
      long[] src,
      long[] weights,
      long[] bias,
      long[] dst,
      long[] strides,
      long[] padL,
      long[] padR) {

    static Shape of(Conv2d conv, long[] x) {
      long out = conv.params().get(0).value().size(0);
      long[] size = conv.outputShape(new long[] {x[1], x[2], x[3]});
      int k = conv.kernel();
      int s = conv.stride();
      long[] padL = new long[2];
      long[] padR = new long[2];
      for (int d = 0; d < 2; d++) { // "same": ND4J's split, the odd pixel at the bottom/right
        long total = conv.same() ? Math.max(0, (size[d + 1] - 1) * s + k - x[d + 2]) : 0;
        padL[d] = total / 2;
        padR[d] = total - total / 2;
      }
      return new Shape(
          x,
          new long[] {out, x[1], k, k},
          new long[] {out},
          new long[] {x[0], out, size[1], size[2]},
          new long[] {s, s},
          padL,
          padR);
    }
  }

  /**
   * @param x the input; plain NCHW for the first layer
   * @param dx where dL/dx goes, or null for the first layer
   */
  static BlockedConv bind(Chain chain, Conv2d conv, Tensor x, Tensor dx) {
    Shape shape = Shape.of(conv, x.dims());
    if (WINOGRAD_ALLOWED && shape.src[1] % 16 == 0 && shape.dst[1] % 16 == 0) {
      convolution_forward.primitive_desc pd = forward(shape, algorithm.convolution_winograd);
      if (pd != null) {
        try {
          return new BlockedConv(chain, conv, shape, algorithm.convolution_winograd, pd, x, dx);
        } catch (RuntimeException noBackward) { // no Winograd backward here: direct throughout
        }
      }
    }
    return new BlockedConv(
        chain,
        conv,
        shape,
        algorithm.convolution_direct,
        forward(shape, algorithm.convolution_direct),
        x,
        dx);
  }

  /** Whether oneDNN chose its reference (loop-nest, unvectorised) implementation. */
  private static boolean isReference(primitive_desc_base pd) {
    return pd.impl_info_str().getString().startsWith("ref");
  }

  /** The forward primitive's description, or null where oneDNN has none for this algorithm. */
  private static convolution_forward.primitive_desc forward(Shape shape, algorithm kind) {
    try {
      return new convolution_forward.primitive_desc(
          new convolution_forward.desc(
              prop_kind.forward_training,
              kind,
              any(shape.src),
              any(shape.weights),
              plain(shape.bias),
              any(shape.dst),
              shape.strides,
              shape.padL,
              shape.padR),
          Dnnl.cpu());
    } catch (RuntimeException unimplemented) {
      return null;
    }
  }

  /** Which algorithm this convolution runs: "winograd" or "direct". */
  String algorithmName() {
    return kind == algorithm.convolution_winograd ? "winograd" : "direct";
  }

  private BlockedConv(
      Chain chain,
      Conv2d conv,
      Shape shape,
      algorithm kind,
      convolution_forward.primitive_desc pd,
      Tensor x,
      Tensor dx) {
    super(chain, pd.dst_desc());
    this.shape = shape;
    this.kind = kind;
    this.forwardPd = pd;
    Param w = conv.params().get(0);
    Param b = conv.params().get(1);
    Tensor plainWeights = Tensor.over(w.value(), memory.format_tag.oihw);
    src = x.inLayout(pd.src_desc());
    srcIn = Chain.Copy.ifNeeded(x, src);
    weights = plainWeights.inLayout(pd.weights_desc());
    weightsIn = Chain.Copy.ifNeeded(plainWeights, weights);
    bias = Tensor.over(b.value(), memory.format_tag.x);
    forward = new Chain.Call(new convolution_forward(pd), args(out()));

    if (dx == null) {
      backwardData = null;
      weightsInBackward = null;
      diffSrcOut = null;
    } else {
      convolution_backward_data.primitive_desc data =
          new convolution_backward_data.primitive_desc(
              new convolution_backward_data.desc(
                  kind,
                  any(shape.src),
                  any(shape.weights),
                  outGrad().desc(),
                  shape.strides,
                  shape.padL,
                  shape.padR),
              Dnnl.cpu(),
              pd);
      Tensor dataWeights = weights.inLayout(data.weights_desc());
      // backward-data reads the forward's reordered weights when it takes the same layout
      weightsInBackward = dataWeights == weights ? null : Chain.Copy.of(plainWeights, dataWeights);
      Tensor diffSrc = dx.inLayout(data.diff_src_desc());
      diffSrcOut = Chain.Copy.ifNeeded(diffSrc, dx);
      backwardData =
          new Chain.Call(
              new convolution_backward_data(data),
              new IntMemoryMap()
                  .put(DNNL_ARG_DIFF_DST, outGrad().dnnlMemory())
                  .put(DNNL_ARG_WEIGHTS, dataWeights.dnnlMemory())
                  .put(DNNL_ARG_DIFF_SRC, diffSrc.dnnlMemory()));
    }

    // backward-weights reads dL/dz in the forward's output layout; where oneDNN has only its
    // reference kernel for that (a plain NCHW input of 8 channels, blocked dL/dz: 340 ms against
    // about 1 ms at batch 32, 32x32), it reads a plain copy, for its gemm kernel
    convolution_backward_weights.primitive_desc wpd =
        backwardWeights(shape, kind, pd.src_desc(), pd.dst_desc(), pd);
    if (isReference(wpd)) {
      convolution_backward_weights.primitive_desc onPlain =
          backwardWeights(shape, kind, pd.src_desc(), plain(shape.dst), pd);
      if (!isReference(onPlain)) {
        wpd = onPlain;
      }
    }
    Tensor diffDst = outGrad().inLayout(wpd.diff_dst_desc());
    diffDstIn = Chain.Copy.ifNeeded(outGrad(), diffDst);
    Tensor plainWeightGrad = Tensor.over(w.grad(), memory.format_tag.oihw);
    Tensor weightGrad = plainWeightGrad.inLayout(wpd.diff_weights_desc());
    weightGradOut = Chain.Copy.ifNeeded(weightGrad, plainWeightGrad);
    backwardWeights =
        new Chain.Call(
            new convolution_backward_weights(wpd),
            new IntMemoryMap()
                .put(DNNL_ARG_SRC, src.dnnlMemory())
                .put(DNNL_ARG_DIFF_DST, diffDst.dnnlMemory())
                .put(DNNL_ARG_DIFF_WEIGHTS, weightGrad.dnnlMemory())
                .put(DNNL_ARG_DIFF_BIAS, Tensor.over(b.grad(), memory.format_tag.x).dnnlMemory()));
  }

  /** Backward-weights for the forward {@code pd}, reading x and dL/dz in the layouts given. */
  private static convolution_backward_weights.primitive_desc backwardWeights(
      Shape shape,
      algorithm kind,
      memory.desc src,
      memory.desc diffDst,
      convolution_forward.primitive_desc pd) {
    return new convolution_backward_weights.primitive_desc(
        new convolution_backward_weights.desc(
            kind,
            src,
            any(shape.weights),
            plain(shape.bias),
            diffDst,
            shape.strides,
            shape.padL,
            shape.padR),
        Dnnl.cpu(),
        pd);
  }

  /**
   * Applies the activation above in the same pass, writing f(W ⋆ x + b) into {@code into} (the
   * activation's output, same layout as ours) instead of W ⋆ x + b into ours; observed passes write
   * ours too, for the metrics, by a second, plain convolution.
   *
   * @return false (and nothing changes) where oneDNN has no such fused primitive
   */
  boolean fuse(Eltwise f, Tensor into) {
    post_ops ops = new post_ops();
    ops.append_eltwise(f.scale(), f.forward(), f.alpha(), f.beta());
    primitive_attr attr = new primitive_attr();
    attr.set_post_ops(ops);
    convolution_forward.primitive_desc pd;
    try {
      pd =
          new convolution_forward.primitive_desc(
              new convolution_forward.desc(
                  prop_kind.forward_training,
                  kind,
                  src.desc(),
                  weights.desc(),
                  bias.desc(),
                  out().desc(),
                  shape.strides,
                  shape.padL,
                  shape.padR),
              attr,
              Dnnl.cpu());
    } catch (RuntimeException unimplemented) {
      return false;
    }
    fused = new Chain.Call(new convolution_forward(pd), args(into));
    return true;
  }

  private IntMemoryMap args(Tensor dst) {
    return new IntMemoryMap()
        .put(DNNL_ARG_SRC, src.dnnlMemory())
        .put(DNNL_ARG_WEIGHTS, weights.dnnlMemory())
        .put(DNNL_ARG_BIAS, bias.dnnlMemory())
        .put(DNNL_ARG_DST, dst.dnnlMemory());
  }

  @Override
  void compute(boolean training) {
    if (weightsIn != null) {
      chain.run(weightsIn);
    }
    if (srcIn != null) {
      chain.run(srcIn);
    }
    if (fused == null) {
      chain.run(forward);
      return;
    }
    chain.run(fused);
    if (chain.observed()) {
      chain.run(forward); // the pre-activation, for the metrics only
    }
  }

  @Override
  void computeBackward() {
    if (backwardData != null) {
      if (weightsInBackward != null) {
        chain.run(weightsInBackward);
      }
      chain.run(backwardData);
      if (diffSrcOut != null) {
        chain.run(diffSrcOut);
      }
    }
    if (diffDstIn != null) {
      chain.run(diffDstIn);
    }
    chain.run(backwardWeights);
    if (weightGradOut != null) {
      chain.run(weightGradOut);
    }
  }

  private static memory.desc any(long[] dims) {
    return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
  }

  private static memory.desc plain(long[] dims) {
    return new memory.desc(dims, memory.data_type.f32, Tensor.plainTag(dims.length));
  }
}
