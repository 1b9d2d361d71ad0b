package org.actbench.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean softmax cross-entropy over a batch, computed with the log-sum-exp shift:
 *
 * <pre>
 *   m[n]      = max_k z[n,k]
 *   s[n]      = Σ_k exp(z[n,k] − m[n])             (≥ 1: one term is exp(0))
 *   log p[n,k] = (z[n,k] − m[n]) − log s[n]        (finite for every finite z)
 *   L = −(1/N) Σ_n Σ_k y[n,k] log p[n,k],   dL/dz = (p − y) / N
 * </pre>
 *
 * <p>Why the shift and not {@code log(softmax(z))}: once the right logit leads by about 104, a
 * wrong class's probability underflows to 0 in float, its log is −∞, and y·log p = 0·(−∞) = NaN: a
 * confident, healthy net would look diverged. Here log p stays finite (about −104), so the loss is
 * not finite only if a logit is not.
 *
 * <p>Shapes: z (logits), y (labels, rows summing to 1), p [N, K]; m, s [N]. Bind once per batch
 * size; every buffer is allocated here, none per batch.
 */
public final class SoftmaxCrossEntropy {
  private final INDArray logits;
  private final INDArray labels;
  private final INDArray probabilities;
  private final long n;
  private final INDArray total; // scalar: Σ y ⊙ log p
  private final Runnable[] forward;
  private final Runnable[] backward;

  /**
   * @param logits z: [N, K], read
   * @param labels y: [N, K], read
   * @param gradient dL/dz: [N, K], written by {@link #backward}
   */
  public SoftmaxCrossEntropy(INDArray logits, INDArray labels, INDArray gradient) {
    this.logits = logits;
    this.labels = labels;
    this.n = logits.size(0);
    this.probabilities = logits.like();
    INDArray shifted = logits.like(); // z − m, then log p
    INDArray max = Nd4j.createUninitialized(logits.dataType(), n); // m, then log s
    INDArray sum = max.like(); // s
    INDArray weighted = logits.like(); // y ⊙ log p
    this.total = Nd4j.scalar(logits.dataType(), 0.0);
    this.forward =
        new Runnable[] {
          exec(new Max(logits, max, 1)),
          exec(new BroadcastSubOp(logits, max, shifted, 0)),
          exec(new Exp(shifted, probabilities)),
          exec(new Sum(probabilities, sum, 1)),
          exec(new BroadcastDivOp(probabilities, sum, probabilities, 0)), // p = e / s
          exec(new Log(sum, max)),
          exec(new BroadcastSubOp(shifted, max, shifted, 0)), // log p = (z − m) − log s
          exec(new MulOp(shifted, labels, weighted)),
          exec(new Sum(weighted, total))
        };
    this.backward =
        new Runnable[] {
          exec(new SubOp(probabilities, labels, gradient)),
          exec(new ScalarMultiplication(gradient, null, gradient, 1.0 / n))
        };
  }

  /** Computes p and returns L; NaN or infinite only if a logit is. */
  public double forward() {
    run(forward);
    return -total.getDouble(0) / n;
  }

  /** Writes dL/dz = (p − y) / N; call after {@link #forward}. */
  public void backward() {
    run(backward);
  }

  private static Runnable exec(Op op) {
    return () -> Nd4j.exec(op);
  }

  private static Runnable exec(CustomOp op) {
    return () -> Nd4j.exec(op);
  }

  private static void run(Runnable[] ops) {
    for (Runnable op : ops) {
      op.run();
    }
  }

  /** Softmax probabilities from the last {@link #forward}: [N, K]. */
  public INDArray probabilities() {
    return probabilities;
  }

  /** The labels array this loss reads. */
  public INDArray labels() {
    return labels;
  }

  /** The logits array this loss reads. */
  INDArray logits() {
    return logits;
  }
}
