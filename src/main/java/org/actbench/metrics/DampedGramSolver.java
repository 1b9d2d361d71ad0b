package org.actbench.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves (ZᵀZ + εI)x = b for Z [R, d] and ε = damping·tr(ZᵀZ)/d, on whichever side is smaller: with
 * R ≥ d through a Cholesky factor of the d x d matrix; with R &lt; d (a dense layer fed more units
 * than the probe has examples) by the Woodbury identity (ZᵀZ + εI)⁻¹ = ε⁻¹(I − Zᵀ(ZZᵀ + εI)⁻¹Z), an
 * R x R factor.
 */
final class DampedGramSolver {
  private final INDArray z; // [R, d], double
  private final double eps;
  private final boolean wide;
  private final int n; // the factor's side
  private final CholeskySolver solver;

  /**
   * @param damping ε as a fraction of the mean eigenvalue tr(ZᵀZ)/d (the trace is the Gram
   *     matrix's, whichever side it is formed on)
   */
  DampedGramSolver(INDArray z, double damping) {
    this.z = z;
    long rows = z.size(0);
    long d = z.size(1);
    this.wide = rows < d;
    this.n = (int) Math.min(rows, d);
    INDArray gram = Nd4j.create(DataType.DOUBLE, n, n);
    Nd4j.gemm(z, z, gram, !wide, wide, 1.0, 0.0); // ZᵀZ [d, d] or ZZᵀ [R, R]
    double[] g = gram.data().asDouble();
    this.eps = damped(g, n, damping, d);
    if (wide && !(eps > 0)) {
      throw new IllegalArgumentException(
          "only "
              + rows
              + " samples for "
              + d
              + " incoming units: the covariance is singular; set a damping > 0");
    }
    this.solver = new CholeskySolver(g, n);
  }

  /** From ZᵀZ already formed (d x d, row-major; damped and factored in place). */
  DampedGramSolver(double[] gram, int d, double damping) {
    this.z = null;
    this.wide = false;
    this.n = d;
    this.eps = damped(gram, d, damping, d);
    this.solver = CholeskySolver.inPlace(gram, d);
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
    if (!wide) {
      return fromColumns(solveColumns(toColumns(b)), b.length);
    }
    INDArray bs = Nd4j.createFromArray(b); // [k, d]
    INDArray zb = Nd4j.create(DataType.DOUBLE, n, b.length);
    Nd4j.gemm(z, bs, zb, false, true, 1.0, 0.0); // Z Bᵀ: [R, k]
    double[] k = solveColumns(zb.dup('c').data().asDouble());
    INDArray correction = Nd4j.create(DataType.DOUBLE, b.length, z.size(1));
    INDArray ks = Nd4j.create(k, new long[] {n, b.length}, DataType.DOUBLE);
    Nd4j.gemm(ks, z, correction, true, false, 1.0, 0.0); // (Zᵀ K)ᵀ: [k, d]
    return bs.subi(correction).divi(eps).toDoubleMatrix();
  }

  private double[] solveColumns(double[] columns) {
    solver.solveInPlace(columns, columns.length / n);
    return columns;
  }

  /** Right-hand sides as the columns of a row-major [d, k] array. */
  private static double[] toColumns(double[][] b) {
    int k = b.length;
    int d = b[0].length;
    double[] out = new double[d * k];
    for (int r = 0; r < k; r++) {
      for (int j = 0; j < d; j++) {
        out[j * k + r] = b[r][j];
      }
    }
    return out;
  }

  private static double[][] fromColumns(double[] columns, int k) {
    int d = columns.length / k;
    double[][] out = new double[k][d];
    for (int r = 0; r < k; r++) {
      for (int j = 0; j < d; j++) {
        out[r][j] = columns[j * k + r];
      }
    }
    return out;
  }
}
