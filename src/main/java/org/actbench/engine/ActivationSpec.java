package org.actbench.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;
import org.actbench.engine.activation.Activation;

/**
 * An activation as named on the command line and in spec files: {@code relu, lrelu, prelu, srelu,
 * elu, selu, tanh, sigmoid, softplus, gelu, swish}, with ELU's α and leaky ReLU's slope where they
 * apply (null: the default). PReLU becomes a layer with learned slopes; the rest are {@link
 * Activation}s.
 */
public record ActivationSpec(String id, Double alpha, Double slope) {
  public static final String PRELU = "prelu";

  public ActivationSpec {
    id = id.toLowerCase(Locale.ROOT);
    // A parameter that is the default, or that the activation does not have, is left out, so equal
    // activations are equal specs (grouped together, named alike) however they were written.
    if (alpha != null && (!id.equals("elu") || alpha == 1.0)) {
      alpha = null;
    }
    if (slope != null && (!id.equals("lrelu") || slope == org.actbench.engine.activation.LeakyRelu.PAPER_SLOPE)) {
      slope = null;
    }
    if (!id.equals(PRELU)) {
      Activation.parse(id, alpha, slope); // validates name and parameters
    }
  }

  public static ActivationSpec of(String id) {
    return new ActivationSpec(id, null, null);
  }

  @JsonIgnore
  public boolean isPrelu() {
    return id.equals(PRELU);
  }

  /** The pointwise activation; not for PReLU. */
  public Activation activation() {
    return Activation.parse(id, alpha, slope);
  }

  /** For legends, e.g. {@code ELU (α=1.0)}. */
  public String label() {
    return isPrelu() ? "PReLU (learned slope, init 0.25)" : activation().label();
  }
}
