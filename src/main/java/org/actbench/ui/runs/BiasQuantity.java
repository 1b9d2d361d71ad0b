package org.actbench.ui.runs;

import org.actbench.chart.Series;

/**
 * What the bias-shift chart plots of a receiving layer, as the chart's choice box names it, with
 * the sentence under the chart that says what it means (docs/bias-shift.md, section 3).
 */
enum BiasQuantity {
  RHO(
      "rho",
      "ρ",
      "ρ (share of bias shift)",
      "ρ: of the change a plain gradient step makes to this layer's mean input, the share caused"
          + " by the incoming units' non-zero mean (the bias shift). 0: none, 1: all of it. It sits"
          + " near 1 in most plain nets; what separates activations is how near: see 1 − ρ."),
  ONE_MINUS_RHO(
      "one-minus-rho",
      "1 − ρ",
      "1 − ρ (log scale)",
      "1 − ρ: the share of the step's change of the mean input that is NOT bias shift, on a log"
          + " scale. Higher is better: the activation whose curve sits higher causes less bias"
          + " shift (ELU's incoming means are nearer zero)."),
  COSINE(
      "cosine",
      "cosine",
      "cosine(plain, natural)",
      "Cosine between the plain gradient and the unit natural gradient, which removes the bias"
          + " shift. 1: the plain step already points where the natural one does; lower: the"
          + " bias shift bends it away. Higher is better."),
  NORM_RATIO(
      "norm-ratio",
      "‖correction‖ / ‖natural‖",
      "‖bias-shift term‖ / ‖natural‖",
      "The size of the correction the unit natural gradient makes for the bias shift, against"
          + " the whole natural step. 0: nothing to correct. Lower is better."),
  MU_NORM(
      "mu-norm",
      "‖μ‖",
      "‖μ‖ (incoming mean)",
      "‖μ‖: the length of the mean of the units coming into this layer. Zero-mean units (μ = 0)"
          + " cause no bias shift at all; the larger ‖μ‖, the more each weight update also moves"
          + " the layer's mean input.");

  private final String id;
  private final String symbol;
  private final String title;
  private final String explanation;

  BiasQuantity(String id, String symbol, String title, String explanation) {
    this.id = id;
    this.symbol = symbol;
    this.title = title;
    this.explanation = explanation;
  }

  String title() {
    return title;
  }

  /** Short, for the y axis. */
  String symbol() {
    return symbol;
  }

  /** What the quantity means, in words, for the line under the chart. */
  String explanation() {
    return explanation;
  }

  /** Whether it reads best on a log axis. */
  boolean logScale() {
    return this == ONE_MINUS_RHO;
  }

  /** The quantity a lesson file names ({@code rho}, {@code one-minus-rho}, ...). */
  static BiasQuantity parse(String id) {
    for (BiasQuantity q : values()) {
      if (q.id.equals(id)) {
        return q;
      }
    }
    throw new IllegalArgumentException("no bias-shift quantity '" + id + "'");
  }

  Series of(LiveRun.BiasSeries s) {
    return switch (this) {
      case RHO -> s.rho();
      case ONE_MINUS_RHO -> s.oneMinusRho();
      case COSINE -> s.cosine();
      case NORM_RATIO -> s.normRatio();
      case MU_NORM -> s.muNorm();
    };
  }

  @Override
  public String toString() {
    return title; // what a choice box shows
  }
}
