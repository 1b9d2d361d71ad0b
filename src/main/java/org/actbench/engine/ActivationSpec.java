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

  /** ELU's α beyond this is no activation anyone studies (the paper uses 1; SELU's is 1.67). */
  public static final double MAX_ALPHA = 10;

  public ActivationSpec {
    InvalidField.check(id != null, "activation", "is missing");
    id = id.toLowerCase(Locale.ROOT);
    // checked whatever the activation, so that a bad value is never silently dropped below
    if (alpha != null) {
      InvalidField.positive(alpha, MAX_ALPHA, "alpha");
    }
    if (slope != null) {
      InvalidField.finiteIn(slope, 0, Math.nextDown(1.0), "slope");
    }
    // A parameter that is the default, or that the activation does not have, is left out, so equal
    // activations are equal specs (grouped together, named alike) however they were written.
    if (alpha != null && (!id.equals("elu") || alpha == 1.0)) {
      alpha = null;
    }
    if (slope != null && (!id.equals("lrelu") || slope == org.actbench.engine.activation.LeakyRelu.PAPER_SLOPE)) {
      slope = null;
    }
    if (!id.equals(PRELU)) {
      try {
        Activation.parse(id, alpha, slope); // validates the name
      } catch (IllegalArgumentException e) {
        throw new InvalidField("activation", e.getMessage().replaceFirst("^unknown activation", "is unknown:"));
      }
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
