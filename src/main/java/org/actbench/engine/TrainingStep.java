package org.actbench.engine;

import java.util.HashMap;
import java.util.Map;
import org.actbench.engine.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One minibatch of training or evaluation on a {@link Network}: copy the batch in, forward, loss,
 * backward, optimiser step. Buffers are bound once per batch size and reused.
 */
public final class TrainingStep {
  private final Network network;
  private final Optimizer optimizer;
  private final Map<Long, Bound> bound = new HashMap<>();
  private GradientCorrection correction = GradientCorrection.NONE;
  private GradientTap tap = GradientTap.NONE;

  public TrainingStep(Network network, Optimizer optimizer) {
    this.network = network;
    this.optimizer = optimizer;
  }

  /** From now on every step's gradients go through {@code c} before the optimiser's update. */
  public void correctWith(GradientCorrection c) {
    correction = c;
  }

  /** From now on {@code t} sees every step's gradients before the optimiser's update. */
  public void tapGradients(GradientTap t) {
    tap = t;
  }

  /** What one batch gave. */
  public record Result(double loss, int correct, int size) {}

  /**
   * Trains on one batch.
   *
   * @param x images: [N, 3, 32, 32]
   * @param y one-hot labels: [N, K]
   * @param profile per-layer timing, or null
   */
  public Result train(INDArray x, INDArray y, double lr, Profile profile) {
    Bound b = bind(x.size(0));
    b.net.input().assign(x);
    b.labels.assign(y);
    if (correction != GradientCorrection.NONE) {
      b.net.observe(true); // the correction reads this pass's activations and gradients
    }
    if (profile != null) {
      profile.forward(network, b.net, true);
    } else {
      b.net.forward(true);
    }
    double loss = b.loss.forward();
    int correct = b.correct();
    b.loss.backward();
    if (profile != null) {
      profile.backward(network, b.net);
    } else {
      b.net.backward();
    }
    tap.plain();
    correction.correct(b.net);
    tap.taken();
    optimizer.step(network.params(), lr);
    return new Result(loss, correct, (int) x.size(0));
  }

  /** Loss and correct predictions on a batch, inference mode, no update. */
  public Result evaluate(INDArray x, INDArray y) {
    Bound b = bind(x.size(0));
    b.net.input().assign(x);
    b.labels.assign(y);
    boolean observed = b.net.observed(); // training may share this binding: leave it as it was
    b.net.observe(false);
    b.net.forward(false);
    b.net.observe(observed);
    double loss = b.loss.forward();
    return new Result(loss, b.correct(), (int) x.size(0));
  }

  /** The bound network of the last batch size used: its layers' activations, for the metrics. */
  public Network.Bound bound(long batch) {
    return bind(batch).net;
  }

  /** Predicted classes of the last {@link #train} or {@link #evaluate} at this batch size. */
  public int[] predictions(long batch) {
    return bind(batch).predicted.toIntVector(); // argmax already ran in correct()
  }

  private Bound bind(long batch) {
    return bound.computeIfAbsent(batch, n -> new Bound(network.bind(n)));
  }

  private static final class Bound {
    final Network.Bound net;
    final INDArray labels;
    final SoftmaxCrossEntropy loss;
    final INDArray predicted;
    final INDArray truth;
    final ArgMax argmaxLogits;
    final ArgMax argmaxLabels;

    Bound(Network.Bound net) {
      this.net = net;
      this.labels = net.logits().like();
      this.loss = new SoftmaxCrossEntropy(net.logits(), labels, net.dLogits());
      this.predicted =
          Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.LONG, net.logits().size(0));
      this.truth = predicted.like();
      this.argmaxLogits =
          new ArgMax(new INDArray[] {net.logits()}, new INDArray[] {predicted}, false, 1);
      this.argmaxLabels = new ArgMax(new INDArray[] {labels}, new INDArray[] {truth}, false, 1);
    }

    int correct() {
      Nd4j.exec(argmaxLogits);
      Nd4j.exec(argmaxLabels);
      long[] p = predicted.toLongVector();
      long[] t = truth.toLongVector();
      int c = 0;
      for (int i = 0; i < p.length; i++) {
        c += p[i] == t[i] ? 1 : 0;
      }
      return c;
    }
  }
}
