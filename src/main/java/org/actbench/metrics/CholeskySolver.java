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

  /** x with Σx = b. */
  double[] solve(double[] b) {
    double[] y = new double[d];
    for (int i = 0; i < d; i++) { // L y = b
      double sum = b[i];
      int ri = i * d;
      for (int k = 0; k < i; k++) {
        sum -= lower[ri + k] * y[k];
      }
      y[i] = sum / lower[ri + i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) { // Lᵀ x = y
      double sum = y[i];
      for (int k = i + 1; k < d; k++) {
        sum -= lower[k * d + i] * x[k];
      }
      x[i] = sum / lower[i * d + i];
    }
    return x;
  }
}
