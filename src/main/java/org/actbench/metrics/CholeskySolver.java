package org.actbench.metrics;

/**
 * Solves Σx = b for a symmetric positive definite Σ by Σ = LLᵀ (Cholesky–Banachiewicz), in double
 * precision on the heap: d³/3 multiply-adds for the factor, d² per right-hand side.
 */
final class CholeskySolver {
  private final int d;
  private final double[] lower; // row-major d x d, lower triangle

  /** Factors a row-major d x d matrix; only its lower triangle is read. */
  CholeskySolver(double[] sigma, int d) {
    this.d = d;
    this.lower = new double[d * d];
    for (int i = 0; i < d; i++) {
      int ri = i * d;
      for (int j = 0; j <= i; j++) {
        int rj = j * d;
        double sum = sigma[ri + j];
        for (int k = 0; k < j; k++) {
          sum -= lower[ri + k] * lower[rj + k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            throw new IllegalArgumentException(
                "the covariance is not positive definite (pivot "
                    + i
                    + " = "
                    + sum
                    + "); raise the damping");
          }
          lower[ri + i] = Math.sqrt(sum);
        } else {
          lower[ri + j] = sum / lower[rj + j];
        }
      }
    }
  }

  /**
   * X with ΣX = B for n right-hand sides at once, B and X row-major d x n (column j is one
   * right-hand side). Both substitutions run along rows of B, so their inner loops are contiguous
   * whatever the triangle's access pattern; B is overwritten by X.
   */
  void solveInPlace(double[] b, int n) {
    for (int i = 0; i < d; i++) { // L Y = B: row i of Y from the rows above it
      int ri = i * d;
      int bi = i * n;
      for (int k = 0; k < i; k++) {
        double l = lower[ri + k];
        int bk = k * n;
        for (int j = 0; j < n; j++) {
          b[bi + j] -= l * b[bk + j];
        }
      }
      double pivot = lower[ri + i];
      for (int j = 0; j < n; j++) {
        b[bi + j] /= pivot;
      }
    }
    for (int i = d - 1; i >= 0; i--) { // Lᵀ X = Y: row i of X from the rows below it
      int bi = i * n;
      for (int k = i + 1; k < d; k++) {
        double l = lower[k * d + i];
        int bk = k * n;
        for (int j = 0; j < n; j++) {
          b[bi + j] -= l * b[bk + j];
        }
      }
      double pivot = lower[i * d + i];
      for (int j = 0; j < n; j++) {
        b[bi + j] /= pivot;
      }
    }
  }
}
