package org.actbench.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.actbench.chart.Guide;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.activation.UnderNormal;

/**
 * The theory a unit-means chart is read against: each activation's expected output mean for a
 * standard normal input ({@link UnderNormal}; with batch norm a unit's input is close to N(0, 1)),
 * in the activation's colour, and the zero mean the ELU paper wants units near.
 */
public final class TheoryGuides {
  /** The zero line's colour: darker than the grid, lighter than the axes. */
  static final int ZERO = 0xFF555555;

  private TheoryGuides() {}

  /** One guide per distinct activation (its parameters included), in order, then zero. */
  public static List<Guide> of(List<ActivationSpec> activations) {
    Set<ActivationSpec> seen = new LinkedHashSet<>(activations);
    List<Guide> guides = new ArrayList<>();
    for (ActivationSpec a : seen) {
      guides.add(
          new Guide(
              UnderNormal.label(a.kind(), a.alpha(), a.slope()),
              UnderNormal.mean(a.kind(), a.alpha(), a.slope()),
              RunStyles.colour(a.id())));
    }
    guides.add(new Guide("zero mean", 0, ZERO));
    return guides;
  }
}
