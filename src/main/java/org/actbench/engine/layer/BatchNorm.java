package org.actbench.engine.layer;

import java.util.List;
import org.actbench.engine.Ops;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation per channel (Ioffe &amp; Szegedy 2015). Training: μ, σ² over the batch (and
 * positions), x̂ = (x − μ)/√(σ² + ε), y = γx̂ + β, running statistics updated with momentum 0.1
 * (running variance unbiased). Inference: the running statistics instead of the batch's.
 *
 * <p>Backward, with M values per channel: dL/dβ = Σ dL/dy, dL/dγ = Σ dL/dy·x̂, dL/dx = γ/√(σ² + ε)
 * · (dL/dy − mean(dL/dy) − x̂·mean(dL/dy·x̂)).
 *
 * <p>Shapes: x, y [N, C, H, W] or [N, C]; γ, β, μ, σ² [C].
 */
public final class BatchNorm implements Layer {
  public static final double EPSILON = 1e-5;
  public static final double MOMENTUM = 0.1;
  private final String name;
  private final INDArray gamma;
  private final INDArray beta;
  private final INDArray gammaGrad;
  private final INDArray betaGrad;
  private final INDArray runningMean;
  private final INDArray runningVar;

  public BatchNorm(String name, long channels, org.nd4j.linalg.api.buffer.DataType type) {
    this.name = name;
    this.gamma = Nd4j.ones(type, channels);
    this.beta = Nd4j.zeros(type, channels);
    this.gammaGrad = gamma.like();
    this.betaGrad = beta.like();
    this.runningMean = Nd4j.zeros(type, channels);
    this.runningVar = Nd4j.ones(type, channels);
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
    return List.of(
        new Param(name + ".gamma", gamma, gammaGrad, false),
        new Param(name + ".beta", beta, betaGrad, false));
  }

  public INDArray runningMean() {
    return runningMean;
  }

  public INDArray runningVar() {
    return runningVar;
  }

  /**
   * The ops that fold a training batch's statistics into the running ones: running ← (1 −
   * momentum)·running + momentum·batch, the variance made unbiased (× m/(m − 1)).
   *
   * @param mean the batch's means [C]
   * @param var the batch's (biased) variances [C]
   * @param m values per channel in the batch
   */
  public Runnable runningStatistics(INDArray mean, INDArray var, double m) {
    INDArray tmp = mean.like();
    Object[] ops = {
      new ScalarMultiplication(runningMean, null, runningMean, 1 - MOMENTUM),
      new ScalarMultiplication(mean, null, tmp, MOMENTUM),
      new AddOp(runningMean, tmp, runningMean),
      new ScalarMultiplication(runningVar, null, runningVar, 1 - MOMENTUM),
      new ScalarMultiplication(var, null, tmp, MOMENTUM * m / Math.max(1, m - 1)),
      new AddOp(runningVar, tmp, runningVar)
    };
    return () -> Ops.run(ops);
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    int[] axes = Channels.reduceAxes(x);
    double m = Channels.perChannel(x);
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    INDArray xhat = y.like(); // x − μ, then x̂
    INDArray u = y.like();
    INDArray mean = gamma.like(); // [C] each
    INDArray var = gamma.like();
    INDArray inv = gamma.like(); // 1/√(σ² + ε)
    INDArray tmp = gamma.like();
    INDArray meanDy = gamma.like();
    INDArray meanDyXhat = gamma.like();
    Object[] normalizeAndScale = {
      new BroadcastMulOp(xhat, inv, xhat, 1),
      new BroadcastMulOp(xhat, gamma, y, 1),
      new BroadcastAddOp(y, beta, y, 1)
    };
    Object[] train = {
      new Mean(x, mean, axes),
      new BroadcastSubOp(x, mean, xhat, 1),
      new MulOp(xhat, xhat, u),
      new Mean(u, var, axes),
      new ScalarAdd(var, null, inv, EPSILON),
      new RSqrt(inv, inv)
    };
    Runnable updateRunning = runningStatistics(mean, var, m);
    Object[] infer = {
      new BroadcastSubOp(x, runningMean, xhat, 1),
      new ScalarAdd(runningVar, null, inv, EPSILON),
      new RSqrt(inv, inv)
    };
    INDArray dx = dLdx != null ? dLdx : y.like();
    Object[] parameterGradients = { // dL/dβ = Σ dL/dy, dL/dγ = Σ dL/dy·x̂, either mode
      new Mean(dLdy, meanDy, axes),
      new MulOp(dLdy, xhat, u),
      new Mean(u, meanDyXhat, axes),
      new ScalarMultiplication(meanDy, null, betaGrad, m),
      new ScalarMultiplication(meanDyXhat, null, gammaGrad, m)
    };
    Object[] backward = {
      new BroadcastMulOp(xhat, meanDyXhat, u, 1),
      new SubOp(dLdy, u, u),
      new BroadcastSubOp(u, meanDy, u, 1),
      new MulOp(gamma, inv, tmp),
      new BroadcastMulOp(u, tmp, dx, 1)
    };
    // After an inference forward the statistics are constants: y = γ·x̂ + β is affine in x.
    Object[] backwardInference = {new MulOp(gamma, inv, tmp), new BroadcastMulOp(dLdy, tmp, dx, 1)};
    boolean[] lastTraining = {true};
    return new Wired(
        y,
        dLdy,
        training -> {
          lastTraining[0] = training;
          Ops.run(training ? train : infer);
          if (training) {
            updateRunning.run();
          }
          Ops.run(normalizeAndScale);
        },
        () -> {
          Ops.run(parameterGradients);
          Ops.run(lastTraining[0] ? backward : backwardInference);
        });
  }
}
