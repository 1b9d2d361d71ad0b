package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loss against a double-precision log-sum-exp written out by hand, confident nets included. */
class SoftmaxCrossEntropyTest {

  /** −log p[label] = log Σ exp(z − m) − (z[label] − m), in double. */
  private static double reference(float[][] z, int[] label) {
    double total = 0;
    for (int n = 0; n < z.length; n++) {
      double m = Double.NEGATIVE_INFINITY;
      for (float v : z[n]) {
        m = Math.max(m, v);
      }
      double s = 0;
      for (float v : z[n]) {
        s += Math.exp(v - m);
      }
      total += Math.log(s) - (z[n][label[n]] - m);
    }
    return total / z.length;
  }

  private static double loss(float[][] z, int[] label, INDArray gradient) {
    INDArray logits = Nd4j.createFromArray(z);
    INDArray y = Nd4j.zeros(DataType.FLOAT, z.length, z[0].length);
    for (int n = 0; n < z.length; n++) {
      y.putScalar(n, label[n], 1);
    }
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(logits, y, gradient);
    double value = loss.forward();
    loss.backward();
    return value;
  }

  @Test
  void aConfidentRightAnswerHasASmallFiniteLoss() {
    // the right logit leads by 200: p of the others underflows in float, log p must not
    float[][] z = {{200, 0, 0, 0}, {0, 150, -30, 2}};
    int[] label = {0, 1};
    INDArray gradient = Nd4j.zeros(DataType.FLOAT, 2, 4);
    double value = loss(z, label, gradient);
    assertThat(value).isFinite().isCloseTo(reference(z, label), within(1e-6));
    assertThat(gradient.getDouble(0, 0)).isCloseTo(0, within(1e-7));
  }

  @Test
  void aConfidentWrongAnswerHasItsTrueLargeLoss() {
    // the true loss is about 22 and finite (a run at lr 0.04 was flagged diverged for this)
    float[][] z = {{0, 22, -5}, {110, 0, 0}};
    int[] label = {0, 1};
    INDArray gradient = Nd4j.zeros(DataType.FLOAT, 2, 3);
    double value = loss(z, label, gradient);
    assertThat(value).isFinite().isCloseTo(reference(z, label), within(1e-4));
    assertThat(value).isCloseTo((22 + 110) / 2.0, within(1e-3));
    // dL/dz = (p − y) / N: the wrong winner pushed down, the right class up
    assertThat(gradient.getDouble(0, 1)).isCloseTo(0.5, within(1e-6));
    assertThat(gradient.getDouble(0, 0)).isCloseTo(-0.5, within(1e-6));
  }

  @Test
  void ordinaryLogitsMatchTheReferenceAndTheGradientSumsToZero() {
    java.util.Random rng = new java.util.Random(3);
    float[][] z = new float[8][10];
    int[] label = new int[8];
    for (int n = 0; n < 8; n++) {
      for (int k = 0; k < 10; k++) {
        z[n][k] = (float) (3 * rng.nextGaussian());
      }
      label[n] = rng.nextInt(10);
    }
    INDArray gradient = Nd4j.zeros(DataType.FLOAT, 8, 10);
    assertThat(loss(z, label, gradient)).isCloseTo(reference(z, label), within(1e-5));
    assertThat(gradient.sum(1).amaxNumber().doubleValue()).isLessThan(1e-6);
  }

  @Test
  void aNonFiniteLogitGivesANonFiniteLoss() {
    float[][] z = {{Float.NaN, 0}, {1, 0}};
    assertThat(loss(z, new int[] {0, 0}, Nd4j.zeros(DataType.FLOAT, 2, 2))).isNaN();
    float[][] inf = {{Float.POSITIVE_INFINITY, 0}, {1, 0}};
    assertThat(loss(inf, new int[] {0, 0}, Nd4j.zeros(DataType.FLOAT, 2, 2))).isNotFinite();
  }
}
