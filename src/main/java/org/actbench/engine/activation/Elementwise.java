package org.actbench.engine.activation;

import org.actbench.engine.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Expm1;

/**
 * ND4J ops built once over fixed arrays, run as a sequence. Each factory names the formula it
 * computes; {@code out} may be the same array as an input.
 */
final class Elementwise {
  private final Object[] ops;

  private Elementwise(Object... ops) {
    this.ops = ops;
  }

  static Elementwise of(Object... ops) {
    return new Elementwise(ops);
  }

  void run() {
    Ops.run(ops);
  }

  /** out = max(x, c). */
  static Op max(INDArray x, double c, INDArray out) {
    return new ScalarMax(x, null, out, c);
  }

  /** out = min(x, c). */
  static Op min(INDArray x, double c, INDArray out) {
    return new ScalarMin(x, null, out, c);
  }

  /** out = x + c. */
  static Op add(INDArray x, double c, INDArray out) {
    return new ScalarAdd(x, null, out, c);
  }

  /** out = c·x. */
  static Op scale(INDArray x, double c, INDArray out) {
    return new ScalarMultiplication(x, null, out, c);
  }

  /** out = c − x. */
  static Op subtractFrom(double c, INDArray x, INDArray out) {
    return new ScalarReverseSubtraction(x, null, out, c);
  }

  /** out = 1 if x > c else 0 (strict, so x = c gives 0). */
  static Op step(INDArray x, double c, INDArray out) {
    return new Step(x, out, c);
  }

  /** out = eˣ − 1, accurate near 0. */
  static Op expm1(INDArray x, INDArray out) {
    return new Expm1(x, out);
  }

  /** out = x ⊙ y. */
  static CustomOp mul(INDArray x, INDArray y, INDArray out) {
    return new MulOp(x, y, out);
  }

  /** out = x + y. */
  static CustomOp add(INDArray x, INDArray y, INDArray out) {
    return new AddOp(x, y, out);
  }
}
