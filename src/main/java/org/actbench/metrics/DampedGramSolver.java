package org.actbench.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves (ZᵀZ + εI)x = b for Z [R, d], on whichever side is smaller: with R ≥ d through a Cholesky
 * factor of the d x d matrix; with R &lt; d (a dense layer fed more units than the probe has
 * examples) by the Woodbury identity (ZᵀZ + εI)⁻¹ = ε⁻¹(I − Zᵀ(ZZᵀ + εI)⁻¹Z), an R x R factor.
 */
final class DampedGramSolver {
  private final INDArray z; // [R, d], double
  private final double eps;
  private final boolean wide;
  private final CholeskySolver solver;

  DampedGramSolver(INDArray z, double eps) {
    this.z = z;
    this.eps = eps;
    long rows = z.size(0);
    long d = z.size(1);
    this.wide = rows < d;
    if (wide && !(eps > 0)) {
      throw new IllegalArgumentException(
          "only "
              + rows
              + " samples for "
              + d
              + " incoming units: the covariance is singular; set a damping > 0");
    }
    int n = (int) Math.min(rows, d);
    INDArray gram = Nd4j.create(DataType.DOUBLE, n, n);
    Nd4j.gemm(z, z, gram, !wide, wide, 1.0, 0.0); // ZᵀZ [d, d] or ZZᵀ [R, R]
    double[] g = gram.data().asDouble();
    for (int i = 0; i < n; i++) {
      g[i * n + i] += eps;
    }
    this.solver = new CholeskySolver(g, n);
  }

  double[] solve(double[] b) {
    if (!wide) {
      return solver.solve(b);
    }
    INDArray bv = Nd4j.createFromArray(b).reshape(b.length, 1);
    INDArray zb = z.mmul(bv); // [R, 1]
    double[] k = solver.solve(zb.data().asDouble());
    INDArray correction =
        z.transpose().mmul(Nd4j.createFromArray(k).reshape(k.length, 1)); // [d, 1]
    return bv.sub(correction).divi(eps).data().asDouble();
  }
}
