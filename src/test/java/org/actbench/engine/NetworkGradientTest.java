package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A whole network's parameter gradients against central differences of its loss, in double. */
class NetworkGradientTest {

  @ParameterizedTest
  @ValueSource(strings = {"relu", "elu", "selu", "prelu", "tanh", "gelu"})
  void plainNetworkWithBatchNormMatchesFiniteDifferences(String activation) {
    NetworkSpec spec = NetworkSpec.plain(3, 2, List.of(ActivationSpec.of(activation)), true, 0);
    Network network = Network.build(spec, 5, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(9);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 10);
    for (int i = 0; i < 3; i++) {
      y.putScalar(i, (i * 3) % 10, 1.0);
    }
    Network.Bound net = network.bind(3);
    net.input().assign(x);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(net.logits(), y, net.dLogits());
    net.forward(true);
    loss.forward();
    loss.backward();
    net.backward();
    java.util.Random pick = new java.util.Random(1);
    double worst = 0;
    for (Param p : network.params()) {
      INDArray flat = p.value().reshape(p.value().length());
      INDArray grad = p.grad().dup().reshape(p.value().length());
      for (int s = 0; s < 6; s++) {
        long i = pick.nextInt((int) p.value().length());
        double original = flat.getDouble(i);
        flat.putScalar(i, original + 1e-6);
        net.forward(true);
        double up = loss.forward();
        flat.putScalar(i, original - 1e-6);
        net.forward(true);
        double down = loss.forward();
        flat.putScalar(i, original);
        double numeric = (up - down) / 2e-6;
        double exact = grad.getDouble(i);
        double rel =
            Math.abs(numeric - exact) / Math.max(1e-4, Math.abs(numeric) + Math.abs(exact));
        assertThat(rel)
            .as("%s %s[%d]: %s vs %s", activation, p.name(), i, exact, numeric)
            .isLessThan(1e-5);
        worst = Math.max(worst, rel);
      }
    }
    assertThat(worst).isLessThan(1e-5);
  }
}
