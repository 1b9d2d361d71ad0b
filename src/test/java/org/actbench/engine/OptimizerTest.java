package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.actbench.engine.optim.Adam;
import org.actbench.engine.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Optimiser updates against the formulas, written out by hand for two steps. */
class OptimizerTest {
  static Param param(double w, double g, boolean decays) {
    return new Param("p", Nd4j.createFromArray(w), Nd4j.createFromArray(g), decays);
  }

  @Test
  void sgdWithMomentumAndWeightDecayFollowsPyTorchsForm() {
    Param p = param(1.0, 0.5, true);
    Sgd sgd = new Sgd(0.9, false, 0.1);
    sgd.step(List.of(p), 0.01); // g' = 0.5 + 0.1·1 = 0.6; v = 0.6; w = 1 − 0.006
    assertThat(p.value().getDouble(0)).isCloseTo(0.994, within(1e-12));
    p.grad().assign(0.5); // g' = 0.5 + 0.0994 = 0.5994; v = 0.54 + 0.5994 = 1.1394; w −= 0.011394
    sgd.step(List.of(p), 0.01);
    assertThat(p.value().getDouble(0)).isCloseTo(0.994 - 0.011394, within(1e-12));
  }

  @Test
  void nesterovLooksAheadAndBiasesAreNotDecayed() {
    Param p = param(1.0, 0.5, false);
    new Sgd(0.9, true, 0.1).step(List.of(p), 0.01); // v = 0.5; w −= 0.01·(0.5 + 0.9·0.5)
    assertThat(p.value().getDouble(0)).isCloseTo(1 - 0.0095, within(1e-12));
  }

  @Test
  void adamsFirstStepMovesByTheLearningRateAgainstTheGradientSign() {
    Param p = param(1.0, -3.0, true);
    Adam adam = Adam.defaults(0);
    adam.step(List.of(p), 0.01); // m̂ = g, v̂ = g², step = lr·g/(|g| + ε)
    assertThat(p.value().getDouble(0)).isCloseTo(1.01, within(1e-8));
  }

  @Test
  void batchNormInferenceUsesTheRunningStatistics() {
    org.actbench.engine.layer.BatchNorm bn =
        new org.actbench.engine.layer.BatchNorm(
            "bn", 2, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 500, 2).muli(3).addi(5);
    var bound = bn.bind(x, x.like());
    for (int i = 0; i < 200; i++) {
      bound.forward(true); // running ← 0.9·running + 0.1·batch, converging to the batch's
    }
    assertThat(bn.runningMean().getDouble(0))
        .isCloseTo(x.getColumn(0).meanNumber().doubleValue(), within(1e-6));
    assertThat(bn.runningVar().getDouble(1))
        .isCloseTo(x.getColumn(1).varNumber().doubleValue(), within(1e-6));
    bound.forward(false);
    INDArray y = bound.y();
    assertThat(y.getColumn(0).meanNumber().doubleValue()).isCloseTo(0, within(1e-6));
    assertThat(y.getColumn(0).stdNumber().doubleValue()).isCloseTo(1, within(1e-3));
  }
}
