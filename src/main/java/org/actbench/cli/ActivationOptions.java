package org.actbench.cli;

import org.actbench.engine.ActivationSpec;
import picocli.CommandLine.Option;

/** The activation options every training command shares (a picocli mixin). */
final class ActivationOptions {
  @Option(
      names = "--activation",
      description =
          "relu, lrelu, prelu, srelu (the ELU paper's shifted ReLU max(-1,x)), elu, selu, tanh,"
              + " sigmoid, softplus, gelu or swish (default: ${DEFAULT-VALUE})")
  String activation = "elu";

  @Option(names = "--alpha", description = "ELU's alpha (default 1)")
  Double alpha;

  @Option(names = "--slope", description = "leaky ReLU's negative slope (default 0.1, as in the paper)")
  Double slope;

  ActivationSpec spec() {
    return new ActivationSpec(activation, alpha, slope);
  }
}
