package org.actbench.engine.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma &amp; Ba 2015) with L2 weight decay added to the gradient: m ← β₁m + (1−β₁)g; v ←
 * β₂v + (1−β₂)g²; w ← w − η m̂ / (√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 */
public final class Adam implements Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Map<INDArray, INDArray[]> state = new IdentityHashMap<>(); // {m, v, scratch}
  private long t;

  public Adam(double beta1, double beta2, double epsilon, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
  }

  public static Adam defaults(double weightDecay) {
    return new Adam(0.9, 0.999, 1e-8, weightDecay);
  }

  @Override
  public Map<String, INDArray> state(List<Param> params) {
    Map<String, INDArray> out = new java.util.LinkedHashMap<>();
    for (Param p : params) {
      INDArray[] s =
          state.computeIfAbsent(p.value(), k -> new INDArray[] {k.like(), k.like(), k.like()});
      out.put(p.name() + ".m", s[0]);
      out.put(p.name() + ".v", s[1]);
    }
    return out;
  }

  @Override
  public long updates() {
    return t;
  }

  @Override
  public void setUpdates(long updates) {
    t = updates;
  }

  @Override
  public void step(List<Param> params, double lr) {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    Level1 blas = Nd4j.getBlasWrapper().level1();
    for (Param p : params) {
      INDArray w = p.value();
      INDArray g = p.grad();
      long n = w.length();
      INDArray[] s = state.computeIfAbsent(w, k -> new INDArray[] {k.like(), k.like(), k.like()});
      INDArray m = s[0];
      INDArray v = s[1];
      INDArray scratch = s[2];
      if (weightDecay > 0 && p.decays()) {
        blas.axpy(n, weightDecay, w, g);
      }
      blas.scal(n, beta1, m);
      blas.axpy(n, 1 - beta1, g, m);
      scratch.assign(g).muli(g); // g²
      blas.scal(n, beta2, v);
      blas.axpy(n, 1 - beta2, scratch, v);
      scratch.assign(v).muli(1 / c2); // v̂
      Transforms.sqrt(scratch, false).addi(epsilon).rdivi(m); // m / (√v̂ + ε)
      blas.axpy(n, -lr / c1, scratch, w);
    }
  }
}
