package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.add;
import static org.actbench.engine.activation.Elementwise.expm1;
import static org.actbench.engine.activation.Elementwise.max;
import static org.actbench.engine.activation.Elementwise.min;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.scale;
import static org.actbench.engine.activation.Elementwise.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ELU (Clevert et al. 2016): f(x) = x if x &gt; 0 else α(eˣ − 1); f'(x) = 1 if x &gt; 0 else f(x) +
 * α.
 *
 * <p>Forward as max(x, 0) + α·expm1(min(x, 0)), backward from the output as the authors' code does
 * (a &gt; 0 ? 1 : a + α), so the backward pass needs no exponential. Measured alternately in one
 * process on [64, 32, 32, 32]: forward 4.2 ms against 6.9 ms for ND4J's {@code elu}; backward 1.3
 * ms against 13.3 ms for {@code elu_bp} (which also uses slope 1 at x = 0 whatever α is). See
 * docs/performance.md.
 */
public record Elu(double alpha) implements Activation {
  public Elu {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("ELU α must be > 0, got " + alpha);
    }
  }

  @Override
  public ActivationKind kind() {
    return ActivationKind.ELU;
  }

  /** f' = a + α where a ≤ 0. */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> a <= 0 && a + alpha < slope);
  }

  @Override
  public String label() {
    return "ELU (α=" + alpha + ")";
  }

  @Override
  public double f(double x) {
    return x > 0 ? x : alpha * Math.expm1(x);
  }

  @Override
  public double df(double x) {
    return x > 0 ? 1 : f(x) + alpha;
  }

  @Override
  public double lowerBound() {
    return -alpha;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    return bindScaled(z, a, dLda, dLdz, 1.0, alpha);
  }

  /** From the output, f'(z) = a &gt; 0 ? λ : a + λα; scratch arrays of a's shape. */
  static Elementwise backwardScaled(
      INDArray a, INDArray dLda, INDArray dLdz, double lambda, double alpha) {
    INDArray t = a.like();
    double la = lambda * alpha;
    // a + λα on a ≤ 0
    List<Object> backward = new ArrayList<>(List.of(min(a, 0, t), add(t, la, t)));
    if (lambda != la) { // on a > 0 the slope is λ, not λα
      INDArray u = a.like();
      backward.add(step(a, 0, u));
      backward.add(scale(u, lambda - la, u));
      backward.add(add(t, u, t));
    }
    backward.add(mul(dLda, t, dLdz));
    return Elementwise.of(backward.toArray());
  }

  /**
   * λ·ELU_α, shared with SELU: forward λ(max(z,0) + α expm1(min(z,0))), f' = a &gt; 0 ? λ : a + λα.
   */
  static Bound bindScaled(
      INDArray z, INDArray a, INDArray dLda, INDArray dLdz, double lambda, double alpha) {
    INDArray t = z.like();
    List<Object> forward = new ArrayList<>(List.of(min(z, 0, t), expm1(t, t)));
    if (alpha != 1) {
      forward.add(scale(t, alpha, t));
    }
    forward.add(max(z, 0, a));
    forward.add(add(a, t, a));
    if (lambda != 1) {
      forward.add(scale(a, lambda, a));
    }
    return new Pointwise(
        Elementwise.of(forward.toArray()), backwardScaled(a, dLda, dLdz, lambda, alpha));
  }
}
