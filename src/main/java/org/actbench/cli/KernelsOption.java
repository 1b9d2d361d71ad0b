package org.actbench.cli;

import org.actbench.engine.Kernels;
import picocli.CommandLine.Option;

/** {@code --kernels}, on every command that trains or times the engine (a picocli mixin). */
final class KernelsOption {
  @Option(
      names = "--kernels",
      description =
          "onednn (oneDNN's primitives: blocked layouts, activations fused into convolutions) or"
              + " nd4j (ND4J's ops: the reference) (default: onednn where its natives exist)")
  String kernels;

  /** What was asked for; oneDNN falls back to ND4J, with one line, where it cannot load. */
  Kernels requested() {
    return kernels == null ? Kernels.preferred() : Kernels.parse(kernels);
  }
}
