package org.actbench.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean softmax cross-entropy over a batch, computed stably through log-softmax:
 * L = −(1/N) Σ_n Σ_k y[n,k] log p[n,k], p = softmax(z); dL/dz = (p − y) / N.
 *
 * <p>Shapes: z (logits), y (one-hot), p [N, K]. Bind once per batch size.
 */
public final class SoftmaxCrossEntropy {
  private final INDArray logits;
  private final INDArray labels;
  private final INDArray gradient;
  private final INDArray probabilities;
  private final INDArray logProbabilities;
  private final CustomOp softmax;
  private final CustomOp logSoftmax;
  private final CustomOp weighted;
  private final CustomOp difference;
  private final ScalarMultiplication average;
  private final INDArray total; // scalar
  private final org.nd4j.linalg.api.ops.impl.reduce.same.Sum sum;

  /**
   * @param logits z: [N, K], read
   * @param labels y: [N, K], read
   * @param gradient dL/dz: [N, K], written by {@link #backward}
   */
  public SoftmaxCrossEntropy(INDArray logits, INDArray labels, INDArray gradient) {
    this.logits = logits;
    this.labels = labels;
    this.gradient = gradient;
    this.probabilities = logits.like();
    this.logProbabilities = logits.like();
    this.softmax = new SoftMax(logits, probabilities, 1);
    this.logSoftmax = new LogSoftMax(logits, logProbabilities);
    this.weighted = new MulOp(logProbabilities, labels, logProbabilities);
    this.difference = new SubOp(probabilities, labels, gradient);
    this.average = new ScalarMultiplication(gradient, null, gradient, 1.0 / logits.size(0));
    this.total = Nd4j.scalar(logits.dataType(), 0.0);
    this.sum = new org.nd4j.linalg.api.ops.impl.reduce.same.Sum(logProbabilities, total);
  }

  /** Computes p and returns L. */
  public double forward() {
    Nd4j.exec(softmax);
    Nd4j.exec(logSoftmax);
    Nd4j.exec(weighted);
    Nd4j.exec(sum);
    return -total.getDouble(0) / logits.size(0);
  }

  /** Writes dL/dz = (p − y) / N; call after {@link #forward}. */
  public void backward() {
    Nd4j.exec(difference);
    Nd4j.exec(average);
  }

  /** Softmax probabilities from the last {@link #forward}: [N, K]. */
  public INDArray probabilities() {
    return probabilities;
  }

  /** The labels array this loss reads. */
  public INDArray labels() {
    return labels;
  }
}
