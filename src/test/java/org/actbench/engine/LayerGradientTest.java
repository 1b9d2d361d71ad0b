package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.actbench.engine.layer.AlphaDropout;
import org.actbench.engine.layer.BatchNorm;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Dense;
import org.actbench.engine.layer.Dropout;
import org.actbench.engine.layer.Flatten;
import org.actbench.engine.layer.GlobalAvgPool;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.layer.Pool2d;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every layer's backward agrees with central finite differences in double precision. */
class LayerGradientTest {
  static final double TOLERANCE = 1e-6;

  static INDArray randn(long... shape) {
    return Nd4j.randn(DataType.DOUBLE, shape).muli(0.5);
  }

  @Test
  void conv2dSameStride1() {
    Nd4j.getRandom().setSeed(1);
    Layer conv = new Conv2d("conv", randn(4, 3, 3, 3), randn(4), 1, true);
    assertThat(GradCheck.maxRelError(conv, new long[] {2, 3, 6, 6}, 11, 40)).isLessThan(TOLERANCE);
  }

  @Test
  void conv2dValidStride2() {
    Nd4j.getRandom().setSeed(2);
    Layer conv = new Conv2d("conv", randn(3, 2, 3, 3), randn(3), 2, false);
    assertThat(GradCheck.maxRelError(conv, new long[] {2, 2, 7, 7}, 12, 40)).isLessThan(TOLERANCE);
  }

  @Test
  void conv2dSameStride2EvenKernel() {
    Nd4j.getRandom().setSeed(3);
    Layer conv = new Conv2d("conv", randn(3, 2, 2, 2), randn(3), 2, true);
    assertThat(conv.outputShape(new long[] {2, 5, 5})).containsExactly(3, 3, 3);
    assertThat(GradCheck.maxRelError(conv, new long[] {2, 2, 5, 5}, 13, 40)).isLessThan(TOLERANCE);
  }

  @Test
  void maxPool() {
    assertThat(
            GradCheck.maxRelError(new Pool2d("pool", true, 2, 2), new long[] {2, 3, 6, 6}, 14, 40))
        .isLessThan(TOLERANCE);
  }

  @Test
  void averagePool() {
    assertThat(
            GradCheck.maxRelError(new Pool2d("pool", false, 3, 2), new long[] {2, 3, 7, 7}, 15, 40))
        .isLessThan(TOLERANCE);
  }

  @Test
  void globalAveragePool() {
    assertThat(GradCheck.maxRelError(new GlobalAvgPool("gap"), new long[] {3, 4, 5, 5}, 16, 40))
        .isLessThan(TOLERANCE);
  }

  @Test
  void dense() {
    Nd4j.getRandom().setSeed(4);
    Layer dense = new Dense("fc", randn(5, 7), randn(5));
    assertThat(GradCheck.maxRelError(dense, new long[] {3, 7}, 17, 40)).isLessThan(TOLERANCE);
  }

  @Test
  void flattenThenDense() {
    assertThat(GradCheck.maxRelError(new Flatten("flat"), new long[] {2, 3, 2, 2}, 18, 20))
        .isLessThan(TOLERANCE);
  }

  @Test
  void batchNormOverChannelsInTrainingModeIncludingScaleAndShift() {
    BatchNorm bn = new BatchNorm("bn", 3, DataType.DOUBLE);
    bn.params().get(0).value().assign(randn(3).addi(1)); // γ away from 1, β away from 0
    bn.params().get(1).value().assign(randn(3));
    assertThat(GradCheck.maxRelError(bn, new long[] {4, 3, 3, 3}, 19, 60)).isLessThan(TOLERANCE);
  }

  @Test
  void batchNormInInferenceModeWithRunningStatistics() {
    BatchNorm bn = new BatchNorm("bn", 3, DataType.DOUBLE);
    bn.params().get(0).value().assign(randn(3).addi(1));
    bn.params().get(1).value().assign(randn(3));
    bn.runningMean().assign(randn(3));
    bn.runningVar().assign(randn(3).muli(0.2).addi(1.5)); // positive, away from 1
    assertThat(GradCheck.maxRelError(bn, new long[] {4, 3, 3, 3}, 21, 60, false))
        .isLessThan(TOLERANCE);
  }

  @Test
  void batchNormOverFeatures() {
    BatchNorm bn = new BatchNorm("bn", 5, DataType.DOUBLE);
    assertThat(GradCheck.maxRelError(bn, new long[] {6, 5}, 20, 40)).isLessThan(TOLERANCE);
  }

  @Test
  void preluIncludingItsSlopes() {
    Layer prelu = new PRelu("prelu", Nd4j.createFromArray(0.25, -0.3, 0.7));
    assertThat(GradCheck.maxRelError(prelu, new long[] {2, 3, 4, 4}, 21, 60)).isLessThan(TOLERANCE);
  }

  @Test
  void dropoutScalesKeptUnitsAndPassesGradientThroughTheSameMask() {
    assertMaskedGradient(new Dropout("drop", 0.3, 5), 1 / 0.7);
  }

  @Test
  void alphaDropoutKeepsSeluStatisticsAndPassesGradientThroughTheMask() {
    AlphaDropout drop = new AlphaDropout("adrop", 0.2, 6);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 200_000);
    Layer.Bound bound = drop.bind(x, x.like());
    bound.forward(true);
    assertThat(bound.y().meanNumber().doubleValue()).isBetween(-0.02, 0.02);
    assertThat(bound.y().stdNumber().doubleValue()).isBetween(0.98, 1.02);
    assertMaskedGradient(new AlphaDropout("adrop", 0.2, 7), Double.NaN);
  }

  /** dL/dx is dL/dy times the mask implied by forward: zero exactly where the unit was dropped. */
  private static void assertMaskedGradient(Layer layer, double keptScale) {
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 50).addi(1); // positive, so drops are visible
    INDArray dLdx = x.like();
    Layer.Bound bound = layer.bind(x, dLdx);
    bound.forward(true);
    INDArray g = Nd4j.randn(DataType.DOUBLE, 4, 50);
    bound.dLdy().assign(g);
    bound.backward();
    int dropped = 0;
    for (long i = 0; i < x.length(); i++) {
      double slope = dLdx.getDouble(i) / g.getDouble(i);
      if (slope == 0) {
        dropped++;
      } else if (!Double.isNaN(keptScale)) {
        assertThat(slope).isCloseTo(keptScale, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(bound.y().getDouble(i) / x.getDouble(i))
            .isCloseTo(keptScale, org.assertj.core.api.Assertions.within(1e-9));
      }
    }
    assertThat(dropped).isBetween(10, 80);
    bound.forward(false);
    if (!Double.isNaN(keptScale)) {
      assertThat(bound.y()).isEqualTo(x); // inference: identity
    }
    bound.backward();
    assertThat(dLdx).isEqualTo(g); // and so is its gradient, whatever the last mask was
  }
}
