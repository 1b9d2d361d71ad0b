package org.actbench.metrics;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dsyrk;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Solves (ZᵀZ + εI)x = b for Z [R, d] and ε = damping·tr(ZᵀZ)/d, on whichever side is smaller: with
 * R ≥ d through a Cholesky factor of the d x d matrix; with R &lt; d (a dense layer fed more units
 * than the probe has examples) by the Woodbury identity (ZᵀZ + εI)⁻¹ = ε⁻¹(I − Zᵀ(ZZᵀ + εI)⁻¹Z), an
 * R x R factor.
 *
 * <p>On heap arrays with OpenBLAS's products (the library ND4J loads, its threads as ND4J set
 * them): ND4J's conversions between heap arrays and its own took 2–10 ms for a dense layer's 64 x
 * 1,024 rows and 11 right-hand sides, five to twenty times the products themselves.
 */
final class DampedGramSolver implements AutoCloseable {
  private final double[] z; // [R, d] row-major, when wide; else null
  private final int rows;
  private final int d;
  private final double eps;
  private final boolean wide;
  private final int n; // the factor's side
  private final CholeskySolver solver;
  private final boolean ownsSolver; // made here (closed with this), not a layer's kept one

  /**
   * @param z [R, d] (read once; any data type)
   * @param damping ε as a fraction of the mean eigenvalue tr(ZᵀZ)/d (the trace is the Gram
   *     matrix's, whichever side it is formed on)
   */
  DampedGramSolver(INDArray z, double damping) {
    this(z.castTo(DataType.DOUBLE).dup('c').data().asDouble(), (int) z.size(0), damping);
  }

  /**
   * @param z [R, d] row-major, d = z.length / R; kept (not copied) when R &lt; d
   */
  DampedGramSolver(double[] z, int rows, double damping) {
    this.rows = rows;
    this.d = z.length / rows;
    this.wide = rows < d;
    this.n = Math.min(rows, d);
    this.z = wide ? z : null;
    double[] gram = new double[n * n]; // upper triangle: ZᵀZ [d, d] or ZZᵀ [R, R]
    cblas_dsyrk(
        CblasRowMajor,
        CblasUpper,
        wide ? CblasNoTrans : CblasTrans,
        n,
        wide ? d : rows,
        1.0,
        z,
        d,
        0.0,
        gram,
        n);
    this.eps = damped(gram, n, damping, d);
    if (wide && !(eps > 0)) {
      throw new IllegalArgumentException(
          "only "
              + rows
              + " samples for "
              + d
              + " incoming units: the covariance is singular; set a damping > 0");
    }
    this.solver = new CholeskySolver(gram, n);
    this.ownsSolver = true;
  }

  /**
   * From ZᵀZ already formed (d x d, row-major; damped in place), factored by {@code solver}: one
   * made once for a layer that is probed again and again.
   */
  DampedGramSolver(double[] gram, int d, double damping, CholeskySolver solver) {
    this.z = null;
    this.rows = d;
    this.d = d;
    this.wide = false;
    this.n = d;
    this.eps = damped(gram, d, damping, d);
    this.solver = solver;
    this.ownsSolver = false;
    solver.factor(gram);
  }

  /** Adds ε = damping·tr/d to the diagonal of an n x n Gram matrix; returns ε. */
  private static double damped(double[] g, int n, double damping, long d) {
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += g[i * n + i];
    }
    double eps = damping * trace / d;
    for (int i = 0; i < n; i++) {
      g[i * n + i] += eps;
    }
    return eps;
  }

  /** x_k with (ZᵀZ + εI)x_k = b_k for every right-hand side b_k (each of length d). */
  double[][] solve(double[][] b) {
    int k = b.length;
    double[] flat = new double[k * d];
    for (int r = 0; r < k; r++) {
      System.arraycopy(b[r], 0, flat, r * d, d);
    }
    solveInPlace(flat, k);
    double[][] out = new double[k][];
    for (int r = 0; r < k; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * d, (r + 1) * d);
    }
    return out;
  }

  /**
   * The same for k right-hand sides stored one after the other ({@code b[r·d + j]}), overwritten by
   * the solutions.
   */
  void solveInPlace(double[] b, int k) {
    if (!wide) {
      solver.solveInPlace(b, k);
      return;
    }
    double[] kz = new double[k * rows]; // B Zᵀ: [k, R], then (ZZᵀ + εI)⁻¹ of each row
    cblas_dgemm(
        CblasRowMajor, CblasNoTrans, CblasTrans, k, rows, d, 1.0, b, d, z, d, 0.0, kz, rows);
    solver.solveInPlace(kz, k);
    // X = (B − K Z)/ε: K Z is [k, R] x [R, d], taken from B in place
    cblas_dgemm(
        CblasRowMajor, CblasNoTrans, CblasNoTrans, k, d, rows, -1.0, kz, rows, z, d, 1.0, b, d);
    for (int i = 0; i < k * d; i++) {
      b[i] /= eps;
    }
  }

  /** Frees the factor's native memory if this made it. */
  @Override
  public void close() {
    if (ownsSolver) {
      solver.close();
    }
  }
}
