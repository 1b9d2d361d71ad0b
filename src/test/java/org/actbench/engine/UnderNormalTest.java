package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.activation.UnderNormal;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expected means under N(0, 1) that the unit-means chart draws, each closed form against an
 * independent integral (Gauss-Legendre, not the Simpson rule the explorer uses), and the explorer's
 * moments against the textbook values.
 */
class UnderNormalTest {
  /** ∫ f(x)φ(x)dx over [−12, 12] by adaptive Gauss-Legendre, split at the kinks (−1, 0). */
  private static double integral(UnivariateFunction f) {
    UnivariateFunction g = x -> f.value(x) * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    var gauss = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-13);
    return gauss.integrate(100_000, g, -12, -1)
        + gauss.integrate(100_000, g, -1, 0)
        + gauss.integrate(100_000, g, 0, 12);
  }

  @ParameterizedTest
  @EnumSource(ActivationKind.class)
  void everyClosedFormIsTheIntegral(ActivationKind kind) {
    UnivariateFunction f =
        kind.isLayer()
            ? x -> x > 0 ? x : 0.25 * x // PReLU at its initial slope
            : kind.activation(null, null)::f;
    assertThat(UnderNormal.mean(kind, null, null)).isCloseTo(integral(f), within(1e-9));
  }

  @Test
  void parametersChangeTheMeanAsTheIntegralSays() {
    Activation elu = ActivationKind.ELU.activation(0.5, null);
    assertThat(UnderNormal.mean(ActivationKind.ELU, 0.5, null))
        .isCloseTo(integral(elu::f), within(1e-9));
    Activation leaky = ActivationKind.LRELU.activation(null, 0.3);
    assertThat(UnderNormal.mean(ActivationKind.LRELU, null, 0.3))
        .isCloseTo(integral(leaky::f), within(1e-9));
  }

  @Test
  void theTextbookValues() {
    assertThat(UnderNormal.mean(ActivationKind.RELU, null, null))
        .isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-15));
    assertThat(UnderNormal.mean(ActivationKind.ELU, null, null)).isCloseTo(0.1605, within(1e-4));
    assertThat(UnderNormal.mean(ActivationKind.SELU, null, null)).isCloseTo(0, within(1e-6));
    assertThat(UnderNormal.label(ActivationKind.SELU, null, null))
        .isEqualTo("SELU: fixed point 0.000");
    assertThat(UnderNormal.label(ActivationKind.RELU, null, null))
        .isEqualTo("ReLU: E[f(x)] = 0.399");
    double[] relu = UnderNormal.moments(ActivationKind.RELU.activation(null, null), 0.05);
    assertThat(relu[0]).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-6));
    assertThat(relu[1]).isCloseTo(0.5 - 1 / (2 * Math.PI), within(1e-6));
    assertThat(relu[2]).isCloseTo(0.5, within(1e-3)); // f' = 0 for x ≤ 0
    double[] selu = UnderNormal.moments(ActivationKind.SELU.activation(null, null), 0.05);
    assertThat(selu[0]).isCloseTo(0, within(1e-3));
    assertThat(selu[1]).isCloseTo(1, within(1e-3));
  }
}
