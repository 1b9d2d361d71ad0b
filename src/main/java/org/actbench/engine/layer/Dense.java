package org.actbench.engine.layer;

import java.util.List;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected: y = x Wᵀ + b. Backward: dL/dW = (dL/dy)ᵀ x, dL/db = Σ_n dL/dy, dL/dx = dL/dy W.
 * All products are {@code Nd4j.gemm} into preallocated arrays.
 *
 * <p>Shapes: x [N, F], W [O, F], b [O], y [N, O].
 */
public final class Dense implements Layer {
  private final String name;
  private final INDArray weight; // [O, F]
  private final INDArray bias; // [O]
  private final INDArray weightGrad;
  private final INDArray biasGrad;

  public Dense(String name, INDArray weight, INDArray bias) {
    this.name = name;
    this.weight = weight;
    this.bias = bias;
    this.weightGrad = weight.like();
    this.biasGrad = bias.like();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] outputShape(long[] in) {
    return new long[] {weight.size(0)};
  }

  @Override
  public List<Param> params() {
    return List.of(
        new Param(name + ".W", weight, weightGrad, true),
        new Param(name + ".b", bias, biasGrad, false));
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    long n = x.size(0);
    INDArray y = Nd4j.createUninitialized(x.dataType(), n, weight.size(0));
    INDArray dLdy = y.like();
    INDArray ones = Nd4j.ones(x.dataType(), 1, n); // [1, N], sums over the batch by gemm
    INDArray biasGradRow = biasGrad.reshape(1, bias.length()); // a view of the gradient array
    BroadcastAddOp addBias = new BroadcastAddOp(y, bias, y, 1);
    return new Wired(
        y,
        dLdy,
        training -> {
          Nd4j.gemm(x, weight, y, false, true, 1.0, 0.0); // [N, F] x [F, O]
          Nd4j.exec(addBias);
        },
        () -> {
          Nd4j.gemm(dLdy, x, weightGrad, true, false, 1.0, 0.0); // [O, N] x [N, F]
          Nd4j.gemm(ones, dLdy, biasGradRow, false, false, 1.0, 0.0); // [1, N] x [N, O]
          if (dLdx != null) {
            Nd4j.gemm(dLdy, weight, dLdx, false, false, 1.0, 0.0); // [N, O] x [O, F]
          }
        });
  }
}
