package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.actbench.metrics.UnitNaturalGradient.Covariance;
import org.actbench.metrics.UnitNaturalGradient.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The unit natural gradient against the full unit Fisher built and inverted by brute force. */
class UnitNaturalGradientTest {
  static final int R = 50;
  static final int D = 4;
  static final int M = 3;

  /** Incoming values with non-zero means and signals whose size depends on a (so μ ≠ mean(a)). */
  static double[][][] randomSamples(long seed) {
    return randomSamples(seed, D);
  }

  static double[][][] randomSamples(long seed, int d) {
    Random r = new Random(seed);
    double[][] a = new double[R][d];
    double[][] delta = new double[R][M];
    for (int n = 0; n < R; n++) {
      for (int j = 0; j < d; j++) {
        a[n][j] = 0.3 * (j % 5) + 0.5 + r.nextGaussian();
      }
      for (int i = 0; i < M; i++) {
        delta[n][i] = r.nextGaussian() * (1 + 0.5 * Math.abs(a[n][i])) + 0.2 * i;
      }
    }
    return new double[][][] {a, delta};
  }

  /**
   * F⁻¹(g; g₀) for unit i with F built entry by entry: F = E[s ã ãᵀ] (unit) or c[[Σ + μμᵀ, μ], [μᵀ,
   * 1]] from the plain mean and covariance (shared), plus the same damping c·ε on the weights
   * block.
   */
  static double[] bruteForce(
      double[][] a, double[][] delta, int unit, Covariance cov, double damping) {
    int d = a[0].length;
    int rows = a.length;
    double[][] f = new double[d + 1][d + 1];
    double[] grad = new double[d + 1];
    double c = 0;
    for (int n = 0; n < rows; n++) {
      double s = delta[n][unit] * delta[n][unit];
      c += s / rows;
      for (int j = 0; j <= d; j++) {
        double aj = j < d ? a[n][j] : 1;
        grad[j] += delta[n][unit] * aj / rows;
        for (int k = 0; k <= d; k++) {
          double ak = k < d ? a[n][k] : 1;
          f[j][k] += s * aj * ak / rows;
        }
      }
    }
    if (cov == Covariance.SHARED) {
      double[] mean = new double[d];
      for (double[] row : a) {
        for (int j = 0; j < d; j++) {
          mean[j] += row[j] / rows;
        }
      }
      for (int j = 0; j <= d; j++) {
        for (int k = 0; k <= d; k++) {
          double second = 0; // E[ã_j ã_k] under the plain distribution
          for (double[] row : a) {
            second += (j < d ? row[j] : 1) * (k < d ? row[k] : 1) / rows;
          }
          f[j][k] = c * second;
        }
      }
    }
    // Σ = F_aa / c − μμᵀ; damping adds c·ε·I to F_aa with ε = damping·tr(Σ)/d.
    double trace = 0;
    for (int j = 0; j < d; j++) {
      double mu = f[j][d] / c;
      trace += f[j][j] / c - mu * mu;
    }
    for (int j = 0; j < d; j++) {
      f[j][j] += c * damping * trace / d;
    }
    return solve(f, grad);
  }

  /** Gauss-Jordan with partial pivoting. */
  static double[] solve(double[][] matrix, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double factor = m[r][col] / m[col][col];
          for (int k = col; k <= n; k++) {
            m[r][k] -= factor * m[col][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n] / m[i][i];
    }
    return x;
  }

  static INDArray matrix(double[][] values) {
    return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
  }

  @ParameterizedTest
  @EnumSource(Covariance.class)
  void equalsTheInverseOfTheFullUnitFisher(Covariance cov) {
    double[][][] sample = randomSamples(3);
    for (double damping : new double[] {0, 1e-2}) {
      Result result =
          UnitNaturalGradient.compute(matrix(sample[0]), matrix(sample[1]), cov, damping);
      for (int i = 0; i < M; i++) {
        double[] expected = bruteForce(sample[0], sample[1], i, cov, damping);
        double[] actual = new double[D + 1];
        for (int j = 0; j < D; j++) {
          actual[j] = result.gTilde()[i][j];
        }
        actual[D] = result.g0Tilde()[i];
        assertThat(relativeError(actual, expected))
            .as("unit %d, damping %s", i, damping)
            .isLessThan(1e-8);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Covariance.class)
  void fewerSamplesThanIncomingUnitsGoThroughWoodburyAndStillMatch(Covariance cov) {
    int d = 70; // > R = 50 samples: Σ is singular without damping
    double[][][] sample = randomSamples(8, d);
    Result result = UnitNaturalGradient.compute(matrix(sample[0]), matrix(sample[1]), cov, 1e-2);
    for (int i = 0; i < M; i++) {
      double[] expected = bruteForce(sample[0], sample[1], i, cov, 1e-2);
      double[] actual = new double[d + 1];
      for (int j = 0; j < d; j++) {
        actual[j] = result.gTilde()[i][j];
      }
      actual[d] = result.g0Tilde()[i];
      assertThat(relativeError(actual, expected)).as("unit %d", i).isLessThan(1e-8);
    }
  }

  @Test
  void naturalStepCancelsTheBiasShiftAndPlainStepDoesNot() {
    double[][][] sample = randomSamples(5);
    Result r =
        UnitNaturalGradient.compute(matrix(sample[0]), matrix(sample[1]), Covariance.UNIT, 1e-3);
    double eta = 0.1;
    Random random = new Random(9);
    for (int i = 0; i < M; i++) {
      double[] w = new double[D];
      for (int j = 0; j < D; j++) {
        w[j] = random.nextGaussian();
      }
      double w0 = random.nextGaussian();
      double before = meanNetInput(sample, i, w, w0);
      double[] plainW = new double[D];
      double[] naturalW = new double[D];
      for (int j = 0; j < D; j++) {
        plainW[j] = w[j] - eta * r.g()[i][j];
        naturalW[j] = w[j] - eta * r.gTilde()[i][j];
      }
      double plain = meanNetInput(sample, i, plainW, w0 - eta * r.g0()[i]) - before;
      double natural = meanNetInput(sample, i, naturalW, w0 - eta * r.g0Tilde()[i]) - before;
      assertThat(natural).isCloseTo(-eta * r.g0()[i] / r.c()[i], within(1e-12));
      assertThat(plain).isCloseTo(-eta * (r.biasShift(i) + r.g0()[i]), within(1e-12));
      assertThat(Math.abs(r.biasShift(i)))
          .as("this sample has a bias shift to cancel")
          .isGreaterThan(1e-3);
    }
  }

  /** E_q[wᵀa + w₀] under q ∝ δ²p, the unit's mean net input as the Fisher weighs it. */
  static double meanNetInput(double[][][] sample, int unit, double[] w, double w0) {
    double sum = 0;
    double weights = 0;
    for (int n = 0; n < R; n++) {
      double s = sample[1][n][unit] * sample[1][n][unit];
      double net = w0;
      for (int j = 0; j < D; j++) {
        net += w[j] * sample[0][n][j];
      }
      sum += s * net;
      weights += s;
    }
    return sum / weights;
  }

  @ParameterizedTest
  @EnumSource(Covariance.class)
  void noBiasShiftTermWhenIncomingMeansAreZeroAndDeltaSquaredIsConstant(Covariance cov) {
    Random random = new Random(4);
    double[][] a = new double[R][D];
    double[][] delta = new double[R][M];
    for (int n = 0; n < R; n++) {
      for (int j = 0; j < D; j++) {
        a[n][j] = random.nextGaussian();
      }
      for (int i = 0; i < M; i++) {
        delta[n][i] = random.nextDouble() < 0.75 ? 0.7 : -0.7; // δ² = 0.49 whatever a is
      }
    }
    INDArray incoming = matrix(a);
    incoming.subiRowVector(incoming.mean(0)); // exactly zero-mean columns
    Result r = UnitNaturalGradient.compute(incoming, matrix(delta), cov, 1e-3);
    for (int i = 0; i < M; i++) {
      assertThat(r.muNorm(i)).isLessThan(1e-12);
      assertThat(Nd4j.createFromArray(r.shift()[i]).norm2Number().doubleValue()).isLessThan(1e-12);
      assertThat(r.rho(i)).isLessThan(1e-10);
      assertThat(r.g0Tilde()[i]).isCloseTo(r.g0()[i] / r.c()[i], within(1e-12));
    }
    // and with a mean of 1 added, the term is there
    Result shifted = UnitNaturalGradient.compute(incoming.add(1.0), matrix(delta), cov, 1e-3);
    assertThat(Nd4j.createFromArray(shifted.shift()[0]).norm2Number().doubleValue())
        .isGreaterThan(1e-3);
  }

  static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }

  static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff / norm);
  }
}
