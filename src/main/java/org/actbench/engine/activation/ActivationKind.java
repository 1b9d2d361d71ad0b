package org.actbench.engine.activation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.actbench.engine.Init;

/**
 * The activation catalogue: every activation ActBench trains with, in the order the form shows
 * them, each with what the rest of the program needs to know of it. The form, the presets, the
 * CLI's help, the explorer and the metrics read it here; nothing else lists activations. A name is
 * parsed once, at the edge ({@link #parse}); what depends on the activation's parameters (ELU's α,
 * leaky ReLU's slope) lives on the {@link Activation} itself: its label, f and f', its range's
 * lower bound and its saturation test ({@link Activation#saturatedBelow}). How oneDNN computes each
 * one (the convolution post-op, if any) is chosen from the kind in {@code engine.onednn.Eltwise},
 * by a switch that the compiler checks covers every entry, so the oneDNN types stay out of this
 * package.
 *
 * <p>PReLU is here (the form and the command line offer it) though it is a layer with learned
 * slopes ({@code engine.layer.PRelu}), not an {@link Activation}.
 */
public enum ActivationKind {
  ELU(
      "elu",
      "ELU",
      "x for x > 0, α(eˣ − 1) below; saturates at −α, so unit means can reach zero",
      "f(x) = x if x > 0, α(eˣ − 1) otherwise",
      "(−α, ∞)"),
  RELU(
      "relu",
      "ReLU",
      "max(0, x); never negative, so unit means stay positive",
      "f(x) = max(0, x)",
      "[0, ∞)"),
  LRELU(
      "lrelu",
      "Leaky ReLU",
      "max(slope·x, x), slope 0.1 as in the paper",
      "f(x) = max(slope·x, x)",
      "(−∞, ∞)"),
  PRELU(
      "prelu",
      "PReLU",
      "leaky ReLU with the slope learned per channel (starts at 0.25)",
      "f(x) = max(aᶜ·x, x), aᶜ learned per channel",
      "(−∞, ∞)"),
  SRELU(
      "srelu",
      "SReLU",
      "in the ELU paper: the shifted ReLU max(−1, x) (not Jin et al.'s S-shaped ReLU)",
      "f(x) = max(−1, x)",
      "[−1, ∞)"),
  SELU(
      "selu",
      "SELU",
      "λ·ELU with λ = 1.0507, α = 1.6733; self-normalising with LeCun init",
      "f(x) = λx if x > 0, λα(eˣ − 1) otherwise",
      "(−λα, ∞)"),
  TANH("tanh", "tanh", "zero-centred, saturates at ±1", "f(x) = tanh(x)", "(−1, 1)"),
  SIGMOID(
      "sigmoid",
      "sigmoid",
      "1/(1 + e⁻ˣ); mean 0.5, saturates at 0 and 1",
      "f(x) = 1/(1 + e⁻ˣ)",
      "(0, 1)"),
  SOFTPLUS("softplus", "softplus", "ln(1 + eˣ), a smooth ReLU", "f(x) = ln(1 + eˣ)", "(0, ∞)"),
  GELU(
      "gelu",
      "GELU",
      "x·Φ(x) (tanh form)",
      "f(x) = x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))",
      "[−0.17, ∞)"),
  SWISH("swish", "Swish / SiLU", "x·sigmoid(x)", "f(x) = x/(1 + e⁻ˣ)", "[−0.2785, ∞)");

  /** The four the ELU paper compares throughout (its Figures 2-4): the presets' default set. */
  public static final List<ActivationKind> IN_THE_PAPER = List.of(ELU, RELU, LRELU, SRELU);

  /**
   * How a network with this activation drops units: zeros, or SELU's fixed point (alpha dropout).
   */
  public enum DropoutKind {
    STANDARD,
    ALPHA
  }

  private final String id;
  private final String name;
  private final String help;
  private final String formula;
  private final String range;

  ActivationKind(String id, String name, String help, String formula, String range) {
    this.id = id;
    this.name = name;
    this.help = help;
    this.formula = formula;
    this.range = range;
  }

  /** The name on the command line and in spec files, e.g. {@code elu}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** The id, as on the command line and in spec files. */
  @Override
  public String toString() {
    return id;
  }

  /** The form's and the CLI help's line, e.g. "ELU: x for x > 0, …". */
  public String help() {
    return name + ": " + help;
  }

  /** f in one line, as the explorer and the docs write it. */
  public String formula() {
    return formula;
  }

  /** The range of f, e.g. {@code (−α, ∞)} (the numbers are the defaults' where there are any). */
  public String range() {
    return range;
  }

  /** He, except LeCun normal for SELU, whose fixed point needs it (Klambauer et al. 2017). */
  public Init defaultInit() {
    return this == SELU ? Init.LECUN : Init.HE;
  }

  /** Standard dropout, except alpha dropout for SELU, which keeps its mean and variance. */
  public DropoutKind dropout() {
    return this == SELU ? DropoutKind.ALPHA : DropoutKind.STANDARD;
  }

  /** Whether it is a layer with learned parameters (PReLU) rather than an {@link Activation}. */
  public boolean isLayer() {
    return this == PRELU;
  }

  /**
   * The activation with these parameters.
   *
   * @param alpha ELU's α (null: 1); ignored by others
   * @param slope leaky ReLU's negative slope (null: 0.1, as in the paper); ignored by others
   * @throws IllegalStateException for PReLU, a layer ({@link #isLayer})
   */
  public Activation activation(Double alpha, Double slope) {
    return switch (this) {
      case ELU -> new Elu(alpha == null ? 1.0 : alpha);
      case RELU -> new Relu();
      case LRELU -> new LeakyRelu(slope == null ? LeakyRelu.PAPER_SLOPE : slope);
      case PRELU -> throw new IllegalStateException("PReLU is a layer, not a pointwise activation");
      case SRELU -> new ShiftedRelu();
      case SELU -> new Selu();
      case TANH -> new Tanh();
      case SIGMOID -> new Sigmoid();
      case SOFTPLUS -> new Softplus();
      case GELU -> new Gelu();
      case SWISH -> new Swish();
    };
  }

  /** Every id, in catalogue order, e.g. for help texts: "elu, relu, …, gelu or swish". */
  public static String choices() {
    String all = Arrays.stream(values()).map(ActivationKind::id).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }

  /**
   * The kind an id names, in any case; {@code silu} is Swish's other name.
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static ActivationKind parse(String id) {
    String key = id.toLowerCase(Locale.ROOT);
    for (ActivationKind kind : values()) {
      if (kind.id.equals(key)) {
        return kind;
      }
    }
    if (key.equals("silu")) {
      return SWISH;
    }
    throw new IllegalArgumentException("unknown activation '" + id + "'; expected " + choices());
  }
}
