package org.actbench.engine.activation;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pointwise non-linearity a = f(z), with its derivative. PReLU, whose slope is learned, is a
 * layer ({@code engine.layer.PRelu}) rather than an Activation.
 *
 * <p>Order of use: {@link #bind} once per set of buffers (once per batch size), then call the bound
 * kernels every batch. Binding builds the ND4J op objects once; the kernels write only into the
 * bound output buffers and their own scratch arrays, never into {@code z} or {@code dLda}.
 *
 * <p>Derivatives follow the ELU paper at kinks: f'(0) is the left-hand value (ReLU 0, leaky ReLU
 * its slope, ELU f(0) + α = α).
 */
public sealed interface Activation
    permits Relu, LeakyRelu, ShiftedRelu, Elu, Selu, Tanh, Sigmoid, Softplus, Gelu, Swish {

  /** Its entry in the catalogue: id, help, formula, default init, dropout. */
  ActivationKind kind();

  /** The name on the command line and in spec files, e.g. {@code elu}. */
  default String id() {
    return kind().id();
  }

  /** A label for legends and the window, e.g. {@code ELU (α=1)}. */
  String label();

  /** f(x) in double precision: the reference for tests and the explorer's curves. */
  double f(double x);

  /** f'(x) in double precision, with the left-hand value at kinks. */
  double df(double x);

  /** The infimum of f (−α for ELU), or negative infinity; histograms include it. */
  double lowerBound();

  /**
   * Where f saturates: a test on the output a = f(z) that f'(z) &lt; {@code slope} there (f'
   * written in terms of a), or empty for an activation whose slope never falls toward 0 (leaky
   * ReLU, GELU, Swish). The metrics count the units in saturation with it.
   */
  default Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.empty();
  }

  /**
   * Builds the kernels over fixed buffers, all of the same shape.
   *
   * @param z pre-activation (input)
   * @param a activation (output of forward; read by some backward kernels)
   * @param dLda upstream gradient (input of backward)
   * @param dLdz gradient with respect to z (output of backward)
   */
  Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz);

  /**
   * The backward kernels alone, dLdz ← dLda ⊙ f'(z) with f' written in terms of the output a =
   * f(z), for activations whose derivative has such a form and that oneDNN cannot differentiate
   * from its output itself. The oneDNN path uses them after a forward fused into a convolution,
   * which never writes z.
   *
   * @return the kernels, or null if f' needs z (or oneDNN has its own)
   */
  default Runnable bindFromOutput(INDArray a, INDArray dLda, INDArray dLdz) {
    return null;
  }

  /** Kernels bound to buffers. */
  interface Bound {
    /** a ← f(z). */
    void forward();

    /** dLdz ← dLda ⊙ f'(z); call after {@link #forward} on the same z. */
    void backward();
  }

  /**
   * The activation for a name and its parameters ({@link ActivationKind#parse}, then {@link
   * ActivationKind#activation}).
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  static Activation parse(String id, Double alpha, Double slope) {
    return ActivationKind.parse(id).activation(alpha, slope);
  }
}
