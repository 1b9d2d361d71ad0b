package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.Elu;
import org.actbench.engine.activation.Gelu;
import org.actbench.engine.activation.LeakyRelu;
import org.actbench.engine.activation.Relu;
import org.actbench.engine.activation.Selu;
import org.actbench.engine.activation.ShiftedRelu;
import org.actbench.engine.activation.Sigmoid;
import org.actbench.engine.activation.Softplus;
import org.actbench.engine.activation.Swish;
import org.actbench.engine.activation.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every activation: ND4J kernels against the formula, and backward against finite differences. */
class ActivationTest {
  static final double[] GRID = {-5, -2.5, -1.0001, -1, -0.9999, -0.5, -1e-3, 0, 1e-3, 0.3, 1, 3};

  static Stream<Activation> activations() {
    return Stream.of(
        new Relu(),
        new LeakyRelu(0.1),
        new ShiftedRelu(),
        new Elu(1.0),
        new Elu(0.5),
        new Elu(2.0),
        new Selu(),
        new Tanh(),
        new Sigmoid(),
        new Softplus(),
        new Gelu(),
        new Swish());
  }

  /** Forward and backward over {@code x} with upstream gradient g, in double precision. */
  static INDArray[] run(Activation act, double[] x, double[] g) {
    INDArray z = Nd4j.createFromArray(x);
    INDArray a = z.like();
    INDArray dLda = Nd4j.createFromArray(g);
    INDArray dLdz = z.like();
    Activation.Bound bound = act.bind(z, a, dLda, dLdz);
    bound.forward();
    bound.backward();
    return new INDArray[] {a, dLdz};
  }

  @ParameterizedTest
  @MethodSource("activations")
  void kernelsMatchTheFormulaIncludingKinksAndZero(Activation act) {
    double[] g = new double[GRID.length];
    java.util.Arrays.fill(g, 1.0);
    INDArray[] out = run(act, GRID, g);
    for (int i = 0; i < GRID.length; i++) {
      assertThat(out[0].getDouble(i))
          .as("%s f(%s)", act, GRID[i])
          .isCloseTo(act.f(GRID[i]), within(1e-12));
      assertThat(out[1].getDouble(i))
          .as("%s f'(%s)", act, GRID[i])
          .isCloseTo(act.df(GRID[i]), within(1e-12));
    }
    assertThat(out[0].minNumber().doubleValue()).isGreaterThanOrEqualTo(act.lowerBound());
  }

  @ParameterizedTest
  @MethodSource("activations")
  void backwardMatchesCentralFiniteDifferences(Activation act) {
    Nd4j.getRandom().setSeed(3);
    double[] x = Nd4j.randn(DataType.DOUBLE, 200).muli(2).toDoubleVector();
    double[] g = Nd4j.randn(DataType.DOUBLE, 200).toDoubleVector();
    INDArray analytic = run(act, x, g)[1];
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) < 1e-4 || Math.abs(x[i] + 1) < 1e-4) {
        continue; // at a kink the two one-sided slopes differ
      }
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      double numeric =
          (run(act, up, g)[0].getDouble(i) - run(act, down, g)[0].getDouble(i)) / (2 * h) * g[i];
      double exact = analytic.getDouble(i);
      // The floor keeps round-off in f (e.g. GELU's 1 + tanh near −1, ~1e-9 after differencing)
      // from
      // dominating tiny slopes.
      double rel = Math.abs(numeric - exact) / Math.max(1e-3, Math.abs(numeric) + Math.abs(exact));
      assertThat(rel).as("%s at x=%s: %s vs %s", act, x[i], exact, numeric).isLessThan(1e-6);
    }
  }

  @Test
  void geluInFloatKeepsItsRelativeAccuracyIntoTheTails() {
    // Written with t = tanh(u), 1 + t and 1 − t² cancel: f(−7.2) was 100 % off in float.
    double[] x = new double[3601];
    for (int i = 0; i < x.length; i++) {
      x[i] = -9 + 18.0 * i / (x.length - 1);
    }
    INDArray z = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    INDArray a = z.like();
    INDArray dLdz = z.like();
    Activation gelu = new Gelu();
    Activation.Bound bound = gelu.bind(z, a, Nd4j.ones(DataType.FLOAT, x.length), dLdz);
    bound.forward();
    bound.backward();
    double worstF = 0;
    double worstDf = 0;
    for (int i = 0; i < x.length; i++) {
      double xf = z.getDouble(i); // the float input, exactly
      worstF = Math.max(worstF, relative(a.getDouble(i), gelu.f(xf)));
      worstDf = Math.max(worstDf, relative(dLdz.getDouble(i), gelu.df(xf)));
    }
    assertThat(worstF).as("f").isLessThan(1e-5);
    assertThat(worstDf).as("f'").isLessThan(1e-5);
  }

  static double relative(double actual, double exact) {
    return exact == 0 ? Math.abs(actual) : Math.abs(actual - exact) / Math.abs(exact);
  }

  @Test
  void eluDerivativeAtZeroIsAlphaAsInThePaper() {
    INDArray[] out = run(new Elu(0.5), new double[] {0.0}, new double[] {1.0});
    assertThat(out[1].getDouble(0)).isEqualTo(0.5);
  }

  @Test
  void namesParseWithTheirParameters() {
    assertThat(Activation.parse("elu", 2.0, null)).isEqualTo(new Elu(2.0));
    assertThat(Activation.parse("lrelu", null, null)).isEqualTo(new LeakyRelu(0.1));
    assertThat(Activation.parse("srelu", null, null).label()).contains("SReLU").contains("shifted");
    for (String id :
        List.of(
            "relu",
            "lrelu",
            "srelu",
            "elu",
            "selu",
            "tanh",
            "sigmoid",
            "softplus",
            "gelu",
            "swish")) {
      assertThat(Activation.parse(id, null, null).id()).isEqualTo(id);
    }
    assertThatThrownBy(() -> Activation.parse("mish", null, null))
        .hasMessageContaining("'mish'")
        .hasMessageContaining("relu, lrelu, prelu");
  }
}
