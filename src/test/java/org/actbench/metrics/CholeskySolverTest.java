package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.actbench.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The factor and substitutions against Σ·x computed directly, at sizes from 1 to past a BLAS block.
 */
class CholeskySolverTest {

  @Test
  void solvesEveryRightHandSideOfARandomPositiveDefiniteSystem() {
    for (int d : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 17, 64, 145, 300}) {
      SplitMix64 random = new SplitMix64(d);
      int rows = d + 3;
      double[] z = new double[rows * d];
      for (int i = 0; i < z.length; i++) {
        z[i] = random.nextDouble() - 0.3;
      }
      double[] sigma = new double[d * d]; // ZᵀZ + 0.01 I
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double sum = i == j ? 0.01 : 0;
          for (int r = 0; r < rows; r++) {
            sum += z[r * d + i] * z[r * d + j];
          }
          sigma[i * d + j] = sum;
        }
      }
      int n = 6;
      double[] x = new double[d * n];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble() * 2 - 1;
      }
      double[] b = new double[d * n]; // B = ΣX, one right-hand side after another
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int k = 0; k < d; k++) {
            sum += sigma[i * d + k] * x[j * d + k];
          }
          b[j * d + i] = sum;
        }
      }
      double[] before = sigma.clone();
      new CholeskySolver(sigma, d).solveInPlace(b, n);
      assertThat(sigma).as("d = %d: Σ is left as it was", d).containsExactly(before);
      double worst = 0;
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs(b[i] - x[i]));
      }
      assertThat(worst).as("d = %d", d).isLessThan(1e-6);
    }
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    double[] sigma = {1, 2, 2, 1}; // eigenvalues 3 and −1
    assertThatThrownBy(() -> new CholeskySolver(sigma, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive definite");
  }
}
