package org.actbench.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.activation.LeakyRelu;

/**
 * An activation as named on the command line and in spec files ({@code "id": "elu"}: one of the
 * {@link ActivationKind catalogue}'s, parsed here, once), with ELU's α and leaky ReLU's slope where
 * they apply (null: the default). PReLU becomes a layer with learned slopes; the rest are {@link
 * Activation}s.
 */
public record ActivationSpec(@JsonProperty("id") ActivationKind kind, Double alpha, Double slope) {
  /** ELU's α beyond this is no activation anyone studies (the paper uses 1; SELU's is 1.67). */
  public static final double MAX_ALPHA = 10;

  public ActivationSpec {
    InvalidField.check(kind != null, "activation", "is missing");
    // checked whatever the activation, so that a bad value is never silently dropped below
    if (alpha != null) {
      InvalidField.positive(alpha, MAX_ALPHA, "alpha");
    }
    if (slope != null) {
      InvalidField.finiteIn(slope, 0, Math.nextDown(1.0), "slope");
    }
    // A parameter that is the default, or that the activation does not have, is left out, so equal
    // activations are equal specs (grouped together, named alike) however they were written.
    if (alpha != null && (kind != ActivationKind.ELU || alpha == 1.0)) {
      alpha = null;
    }
    if (slope != null && (kind != ActivationKind.LRELU || slope == LeakyRelu.PAPER_SLOPE)) {
      slope = null;
    }
  }

  /** The edge where a name becomes a kind: the command line, the form and spec files. */
  @JsonCreator
  public ActivationSpec(
      @JsonProperty("id") String id,
      @JsonProperty("alpha") Double alpha,
      @JsonProperty("slope") Double slope) {
    this(kind(id), alpha, slope);
  }

  private static ActivationKind kind(String id) {
    InvalidField.check(id != null, "activation", "is missing");
    try {
      return ActivationKind.parse(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidField(
          "activation", e.getMessage().replaceFirst("^unknown activation", "is unknown:"));
    }
  }

  public static ActivationSpec of(String id) {
    return new ActivationSpec(id, null, null);
  }

  public static ActivationSpec of(ActivationKind kind) {
    return new ActivationSpec(kind, null, null);
  }

  /** The name on the command line and in spec files, e.g. {@code elu}. */
  public String id() {
    return kind.id();
  }

  @JsonIgnore
  public boolean isPrelu() {
    return kind.isLayer();
  }

  /** The pointwise activation; not for PReLU. */
  public Activation activation() {
    return kind.activation(alpha, slope);
  }

  /** For legends, e.g. {@code ELU (α=1.0)}. */
  public String label() {
    return isPrelu() ? "PReLU (learned slope, init 0.25)" : activation().label();
  }
}
