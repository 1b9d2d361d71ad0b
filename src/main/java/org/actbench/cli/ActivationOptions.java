package org.actbench.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.activation.ActivationKind;
import picocli.CommandLine.Option;

/** The activation options every training command shares (a picocli mixin). */
final class ActivationOptions {
  @Option(
      names = "--activation",
      completionCandidates = Choices.class,
      description =
          "${COMPLETION-CANDIDATES}; srelu is the ELU paper's shifted ReLU max(-1, x)"
              + " (default: ${DEFAULT-VALUE})")
  String activation = "elu";

  @Option(names = "--alpha", description = "ELU's alpha (default 1)")
  Double alpha;

  @Option(
      names = "--slope",
      description = "leaky ReLU's negative slope (default 0.1, as in the paper)")
  Double slope;

  /** The catalogue's ids, for the help. */
  static final class Choices implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ActivationKind.values()).map(ActivationKind::id).iterator();
    }
  }

  ActivationSpec spec() {
    return new ActivationSpec(activation, alpha, slope);
  }
}
