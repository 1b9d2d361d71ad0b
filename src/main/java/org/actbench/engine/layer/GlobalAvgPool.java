package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Global average pooling: y[n, c] = mean_{h,w} x[n, c, h, w]; dL/dx[n, c, h, w] = dL/dy[n, c] /
 * (HW).
 *
 * <p>Shapes: x [N, C, H, W], y [N, C].
 */
public record GlobalAvgPool(String name) implements Layer {

  @Override
  public long[] outputShape(long[] in) {
    return new long[] {in[0]};
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1));
    INDArray dLdy = y.like();
    INDArray scaled = y.like(); // dL/dy / (HW)
    Mean forward = new Mean(x, y, 2, 3);
    double area = x.size(2) * x.size(3);
    ScalarMultiplication scale = new ScalarMultiplication(dLdy, null, scaled, 1.0 / area);
    BroadcastCopyOp spread = dLdx == null ? null : new BroadcastCopyOp(dLdx, scaled, dLdx, 0, 1);
    return new Wired(
        y,
        dLdy,
        training -> {
          Nd4j.exec(forward);
        },
        () -> {
          if (spread != null) {
            Nd4j.exec(scale);
            Nd4j.exec(spread);
          }
        });
  }
}
