package org.actbench.metrics;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Solves Σx = b for a symmetric positive definite Σ by Σ = UᵀU (U upper triangular), in double
 * precision: d³/3 multiply-adds for the factor, d² per right-hand side, in the OpenBLAS that ND4J
 * itself loads (and with the threads ND4J gives it).
 *
 * <p>The factor is blocked by {@link #BLOCK} (right-looking): each diagonal block U_kk is factored
 * here in Java, the rows beside it are U_kkᵀ⁻¹A_k,· ({@code dtrsm}) and the trailing matrix loses
 * their product ({@code dsyrk}, where the work is). The solves are two {@code dtrsm} for all
 * right-hand sides at once.
 *
 * <p>Why not LAPACK's {@code dpotrf}: right after a training step it took 16–24 ms at d = 576 on
 * this machine against 3 ms on an idle one (and 3 ms again 300 ms later); this factor takes 2.2 ms
 * either way (docs/performance.md, 2026-12-07). The blocked Java factor it replaces took 6.5 ms
 * warm and several times that before the JIT had compiled it, in a run's first probes.
 *
 * <p>Σ and U live in native memory made once per solver: one solver is factored again at every
 * probe ({@link #factor}); a solver made for one solve is closed after it (a unit covariance makes
 * one of d² doubles per unit and probe, 2.6 MB at d = 576, which the GC would free only when it
 * happened to run). Not thread-safe.
 */
final class CholeskySolver implements AutoCloseable {
  static final int BLOCK = 64;
  // column-major: L Y = B, then Lᵀ X = Y
  private static final int[] SUBSTITUTIONS = {
    openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasTrans
  };
  private final int d;
  private final DoublePointer upper; // row-major d x d; its upper triangle is U after a factor
  private final DoublePointer diagonal; // views into upper, moved block by block
  private final DoublePointer beside;
  private final DoublePointer trailing;
  private final double[] block = new double[BLOCK * BLOCK];
  private DoublePointer rhs; // the right-hand sides, grown to the most asked for
  private long rhsCapacity;

  /** A solver for d x d systems, not yet factored. */
  CholeskySolver(int d) {
    this.d = d;
    this.upper = new DoublePointer((long) d * d);
    this.diagonal = new DoublePointer(upper);
    this.beside = new DoublePointer(upper);
    this.trailing = new DoublePointer(upper);
  }

  /** Factors a row-major d x d matrix (left as it was; only its upper triangle is read). */
  CholeskySolver(double[] sigma, int d) {
    this(d);
    factor(sigma);
  }

  /** Factors a row-major d x d Σ (only its upper triangle is read; {@code sigma} is unchanged). */
  void factor(double[] sigma) {
    if (sigma.length < d * d) {
      throw new IllegalArgumentException("Σ has " + sigma.length + " values, not " + d + "²");
    }
    upper.position(0).put(sigma, 0, d * d);
    for (int k = 0; k < d; k += BLOCK) {
      int b = Math.min(BLOCK, d - k);
      factorDiagonal(k, b);
      int rest = d - k - b;
      if (rest == 0) {
        break;
      }
      diagonal.position((long) k * d + k);
      beside.position((long) k * d + k + b);
      trailing.position((long) (k + b) * d + k + b);
      // U_k,· = U_kkᵀ⁻¹ A_k,·  [b, rest]
      openblas_nolapack.cblas_dtrsm(
          openblas_nolapack.CblasRowMajor,
          openblas_nolapack.CblasLeft,
          openblas_nolapack.CblasUpper,
          openblas_nolapack.CblasTrans,
          openblas_nolapack.CblasNonUnit,
          b,
          rest,
          1.0,
          diagonal,
          d,
          beside,
          d);
      // A_··  −=  U_k,·ᵀ U_k,·  [rest, rest], upper triangle
      openblas_nolapack.cblas_dsyrk(
          openblas_nolapack.CblasRowMajor,
          openblas_nolapack.CblasUpper,
          openblas_nolapack.CblasTrans,
          rest,
          b,
          -1.0,
          beside,
          d,
          1.0,
          trailing,
          d);
    }
    upper.position(0);
  }

  /**
   * The unblocked factor of the b x b block at (k, k), on the heap: u_qq = √σ_qq, row q over it.
   */
  private void factorDiagonal(int k, int b) {
    for (int i = 0; i < b; i++) {
      upper.position((long) (k + i) * d + k).get(block, i * b, b);
    }
    for (int q = 0; q < b; q++) {
      double pivot = block[q * b + q];
      if (!(pivot > 0) || !Double.isFinite(pivot)) {
        throw new IllegalArgumentException(
            "the covariance is not positive definite (pivot "
                + (k + q)
                + " = "
                + pivot
                + "); raise the damping");
      }
      double p = Math.sqrt(pivot);
      block[q * b + q] = p;
      double inv = 1 / p;
      for (int j = q + 1; j < b; j++) {
        block[q * b + j] *= inv;
      }
      for (int i = q + 1; i < b; i++) {
        double s = block[q * b + i];
        for (int j = i; j < b; j++) {
          block[i * b + j] -= s * block[q * b + j];
        }
      }
    }
    for (int i = 0; i < b; i++) {
      upper.position((long) (k + i) * d + k).put(block, i * b, b);
    }
  }

  /**
   * x_r with Σx_r = b_r for k right-hand sides at once, stored one after the other ({@code b[r·d +
   * j]}) and overwritten by the solutions: LY = B, then LᵀX = Y, with L = Uᵀ. Read column-major,
   * U's row-major upper triangle is L and the right-hand sides are the columns of a d x k matrix,
   * so neither side is transposed or copied into another layout.
   */
  void solveInPlace(double[] b, int k) {
    long size = (long) d * k;
    if (size > rhsCapacity) {
      if (rhs != null) {
        rhs.close();
      }
      rhs = new DoublePointer(size);
      rhsCapacity = size;
    }
    rhs.position(0).put(b, 0, (int) size);
    upper.position(0);
    for (int transpose : SUBSTITUTIONS) {
      openblas_nolapack.cblas_dtrsm(
          openblas_nolapack.CblasColMajor,
          openblas_nolapack.CblasLeft,
          openblas_nolapack.CblasLower,
          transpose,
          openblas_nolapack.CblasNonUnit,
          d,
          k,
          1.0,
          upper,
          d,
          rhs,
          d);
    }
    rhs.get(b, 0, (int) size);
  }

  /** Frees the native memory now (the views into it hold none of their own). */
  @Override
  public void close() {
    upper.close();
    if (rhs != null) {
      rhs.close();
      rhs = null;
      rhsCapacity = 0;
    }
  }
}
