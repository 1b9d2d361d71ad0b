package org.actbench.engine.layer;

import java.util.List;
import org.actbench.engine.Param;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolution, NCHW: y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c], k x k kernel, stride s, "same"
 * (output ⌈H/s⌉) or "valid" (⌊(H−k)/s⌋+1) padding.
 *
 * <p>Shapes: x [N, C, H, W], W [O, C, k, k], b [O], y [N, O, H', W']. Backward (ND4J's {@code
 * conv2d_bp}, oneDNN): dL/dx, dL/dW = Σ_n dL/dy ⋆ x, dL/db = Σ_{n,h,w} dL/dy.
 */
public final class Conv2d implements Layer {
  private final String name;
  private final int kernel;
  private final int stride;
  private final boolean same;
  private final INDArray weight; // [O, C, k, k]
  private final INDArray bias; // [O]
  private final INDArray weightGrad;
  private final INDArray biasGrad;
  private final Conv2DConfig config;

  public Conv2d(String name, INDArray weight, INDArray bias, int stride, boolean same) {
    this.name = name;
    this.weight = weight;
    this.bias = bias;
    this.kernel = (int) weight.size(2);
    this.stride = stride;
    this.same = same;
    this.weightGrad = weight.like();
    this.biasGrad = bias.like();
    this.config =
        Conv2DConfig.builder()
            .kH(kernel)
            .kW(kernel)
            .sH(stride)
            .sW(stride)
            .dH(1)
            .dW(1)
            .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
            .dataFormat(Conv2DConfig.NCHW)
            .weightsFormat(WeightsFormat.OIYX)
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] outputShape(long[] in) {
    return new long[] {weight.size(0), outSize(in[1]), outSize(in[2])};
  }

  private long outSize(long size) {
    return same ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
  }

  @Override
  public List<Param> params() {
    return List.of(
        new Param(name + ".W", weight, weightGrad, true),
        new Param(name + ".b", bias, biasGrad, false));
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  /** "same" padding (else "valid"). */
  public boolean same() {
    return same;
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    long[] out = outputShape(new long[] {x.size(1), x.size(2), x.size(3)});
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), out[0], out[1], out[2]);
    INDArray dLdy = y.like();
    INDArray dx = dLdx != null ? dLdx : x.like(); // conv2d_bp always writes an input gradient
    Conv2D forward = new Conv2D(x, weight, bias, y, config);
    DynamicCustomOp backward =
        DynamicCustomOp.builder("conv2d_bp")
            .addInputs(x, weight, bias, dLdy)
            .addOutputs(dx, weightGrad, biasGrad)
            .addIntegerArguments(toInts(forward.iArgs()))
            .build();
    return new Wired(
        y,
        dLdy,
        training -> {
          Nd4j.exec(forward);
        },
        () -> {
          Nd4j.exec(backward);
        });
  }

  /**
   * An op that writes conv2d_bp's weight and bias gradients for an arbitrary per-position signal:
   * {@code sumW[o, c, ky, kx] = Σ_{n,p} signal[n, o, p]·patch_{n,p}[c, ky, kx]} (zero padding
   * included) and {@code sumB[o] = Σ_{n,p} signal[n, o, p]}. With {@code signal = δ²} these are the
   * sums behind the unit Fisher's δ²-weighted means of the incoming patches. Built once, run often.
   *
   * @param x the layer's input: [N, C, H, W]
   * @param signal [N, O, H', W']
   * @param sumW [O, C, k, k]
   * @param sumB [O]
   */
  public Runnable weightGradientOf(INDArray x, INDArray signal, INDArray sumW, INDArray sumB) {
    INDArray y = signal.like();
    Conv2D forward = new Conv2D(x, weight, bias, y, config); // for its integer arguments only
    DynamicCustomOp op =
        DynamicCustomOp.builder("conv2d_bp")
            .addInputs(x, weight, bias, signal)
            .addOutputs(x.like(), sumW, sumB) // the input gradient is written and ignored
            .addIntegerArguments(toInts(forward.iArgs()))
            .build();
    return () -> Nd4j.exec(op);
  }

  static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.toIntExact(values[i]);
    }
    return out;
  }
}
