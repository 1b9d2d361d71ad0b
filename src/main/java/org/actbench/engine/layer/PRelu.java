package org.actbench.engine.layer;

import java.util.List;
import org.actbench.engine.Ops;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PReLU (He et al. 2015): y = max(0, x) + s_c·min(0, x) with a slope s_c learned per channel
 * (initially 0.25). dL/dx = dL/dy ⊙ (x &gt; 0 ? 1 : s_c); dL/ds_c = Σ_{n,h,w} dL/dy·min(0, x).
 *
 * <p>Shapes: x, y [N, C, H, W] or [N, F]; s [C].
 */
public final class PRelu implements Layer {
  public static final double INITIAL_SLOPE = 0.25;
  private final String name;
  private final INDArray slope; // [C]
  private final INDArray slopeGrad;

  public PRelu(String name, INDArray slope) {
    this.name = name;
    this.slope = slope;
    this.slopeGrad = slope.like();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public List<Param> params() {
    return List.of(new Param(name + ".slope", slope, slopeGrad, false));
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    INDArray negative = y.like(); // min(0, x), kept for the slope gradient
    INDArray u = y.like();
    INDArray p = y.like();
    long count = Channels.perChannel(x);
    var forward =
        new Object[] {
          new ScalarMin(x, null, negative, 0.0),
          new ScalarMax(x, null, y, 0.0),
          new BroadcastMulOp(negative, slope, u, 1),
          new AddOp(y, u, y)
        };
    var backward =
        new Object[] {
          new MulOp(dLdy, negative, u),
          new Mean(u, slopeGrad, Channels.reduceAxes(x)),
          new ScalarMultiplication(slopeGrad, null, slopeGrad, (double) count),
          new Step(x, p, 0.0), // [x > 0]
          new ScalarReverseSubtraction(p, null, u, 1.0), // [x ≤ 0]
          new BroadcastMulOp(u, slope, u, 1),
          new AddOp(u, p, u), // x > 0 ? 1 : s
          new MulOp(dLdy, u, dLdx != null ? dLdx : u)
        };
    return new Wired(
        y,
        dLdy,
        training -> {
          Ops.run(forward);
        },
        () -> {
          Ops.run(backward);
        });
  }
}
