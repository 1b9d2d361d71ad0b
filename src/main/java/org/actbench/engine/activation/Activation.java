package org.actbench.engine.activation;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pointwise non-linearity a = f(z), with its derivative. PReLU, whose slope is learned, is a layer
 * ({@code engine.layer.PRelu}) rather than an Activation.
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

  /** The name on the command line and in spec files, e.g. {@code elu}. */
  String id();

  /** A label for legends and the window, e.g. {@code ELU (α=1)}. */
  String label();

  /** f(x) in double precision: the reference for tests and the explorer's curves. */
  double f(double x);

  /** f'(x) in double precision, with the left-hand value at kinks. */
  double df(double x);

  /** The infimum of f (−α for ELU), or negative infinity; histograms include it. */
  double lowerBound();

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
   * The activation for a name and its parameters.
   *
   * @param alpha ELU's α (default 1); ignored by others
   * @param slope leaky ReLU's negative slope (default 0.1, as in the paper)
   * @throws IllegalArgumentException naming the value and the choices
   */
  static Activation parse(String id, Double alpha, Double slope) {
    switch (id.toLowerCase(Locale.ROOT)) {
      case "relu":
        return new Relu();
      case "lrelu":
        return new LeakyRelu(slope == null ? LeakyRelu.PAPER_SLOPE : slope);
      case "srelu":
        return new ShiftedRelu();
      case "elu":
        return new Elu(alpha == null ? 1.0 : alpha);
      case "selu":
        return new Selu();
      case "tanh":
        return new Tanh();
      case "sigmoid":
        return new Sigmoid();
      case "softplus":
        return new Softplus();
      case "gelu":
        return new Gelu();
      case "swish":
      case "silu":
        return new Swish();
      default:
        throw new IllegalArgumentException(
            "unknown activation '"
                + id
                + "'; expected relu, lrelu, prelu, srelu, elu, selu, tanh, sigmoid, softplus, gelu"
                + " or swish");
    }
  }
}
