package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitTest {
  static List<Param> params(String activation, long seed) {
    return Network.build(
            NetworkSpec.plain(4, 8, List.of(ActivationSpec.of(activation)), false, 0), seed)
        .params();
  }

  @Test
  void sameSeedAndArchitectureGiveEveryActivationTheSameInitialWeights() {
    List<Param> elu = params("elu", 3);
    List<Param> relu = params("relu", 3);
    List<Param> srelu = params("srelu", 3);
    assertThat(elu).hasSameSizeAs(relu);
    for (int i = 0; i < elu.size(); i++) {
      assertThat(relu.get(i).value()).isEqualTo(elu.get(i).value());
      assertThat(srelu.get(i).value()).isEqualTo(elu.get(i).value());
    }
    assertThat(params("elu", 4).get(0).value()).isNotEqualTo(elu.get(0).value());
  }

  @Test
  void seluGetsLecunScaleOfTheSameDraws() {
    INDArray he = params("elu", 3).get(0).value();
    INDArray lecun = params("selu", 3).get(0).value();
    assertThat(lecun.mul(Math.sqrt(2)).equalsWithEps(he, 1e-5)).isTrue();
  }

  @Test
  void heWeightsHaveVarianceTwoOverFanIn() {
    INDArray w = Init.HE.weights(1, 0, org.nd4j.linalg.api.buffer.DataType.DOUBLE, 64, 32, 3, 3);
    assertThat(w.varNumber().doubleValue()).isCloseTo(2.0 / (32 * 9), within(0.1 * 2.0 / (32 * 9)));
    INDArray g =
        Init.GLOROT.weights(1, 0, org.nd4j.linalg.api.buffer.DataType.DOUBLE, 64, 32, 3, 3);
    double limit = Math.sqrt(6.0 / (32 * 9 + 64 * 9));
    assertThat(g.amaxNumber().doubleValue()).isLessThanOrEqualTo(limit).isGreaterThan(0.95 * limit);
  }
}
