package org.actbench.engine;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.layer.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences for a layer in double precision: with L = Σ y ⊙ g for a fixed random
 * g, compares the layer's dL/dx and parameter gradients with (L(θ + h) − L(θ − h)) / 2h at sampled
 * entries. Returns the largest relative error seen.
 */
final class GradCheck {
  /**
   * Step of the central difference. Its truncation error is O(H²) and its rounding error about
   * ε·|L|/H: at 1e-6 the rounding part alone reached 1.1e-6 relative on a linear conv (whose exact
   * difference has no truncation error at all) once the multithreaded sums changed order; 1e-5 cuts
   * rounding tenfold and leaves truncation near 1e-10.
   */
  static final double H = 1e-5;

  private GradCheck() {}

  static double maxRelError(Layer layer, long[] xShape, long seed, int samples) {
    return maxRelError(layer, xShape, seed, samples, true);
  }

  /** The same, with the forward pass in training or inference mode. */
  static double maxRelError(Layer layer, long[] xShape, long seed, int samples, boolean training) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, xShape);
    INDArray dLdx = x.like();
    Layer.Bound bound = layer.bind(x, dLdx);
    bound.forward(training);
    INDArray g = Nd4j.randn(DataType.DOUBLE, bound.y().shape());
    bound.dLdy().assign(g);
    bound.backward();

    List<INDArray[]> checks = new ArrayList<>(); // {value, analytic gradient}
    checks.add(new INDArray[] {x, dLdx.dup()});
    for (Param p : layer.params()) {
      checks.add(new INDArray[] {p.value(), p.grad().dup()});
    }
    double worst = 0;
    java.util.Random pick = new java.util.Random(seed);
    for (INDArray[] check : checks) {
      INDArray value = check[0];
      INDArray flat = value.reshape(value.length());
      for (int s = 0; s < Math.min(samples, value.length()); s++) {
        long i = pick.nextInt((int) value.length());
        double original = flat.getDouble(i);
        flat.putScalar(i, original + H);
        double up = loss(bound, g, training);
        flat.putScalar(i, original - H);
        double down = loss(bound, g, training);
        flat.putScalar(i, original);
        double numeric = (up - down) / (2 * H);
        double exact = check[1].reshape(value.length()).getDouble(i);
        double rel =
            Math.abs(numeric - exact) / Math.max(1e-4, Math.abs(numeric) + Math.abs(exact));
        worst = Math.max(worst, rel);
      }
    }
    return worst;
  }

  private static double loss(Layer.Bound bound, INDArray g, boolean training) {
    bound.forward(training);
    return bound.y().mul(g).sumNumber().doubleValue();
  }
}
