package org.actbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.engine.InvalidField;
import org.actbench.experiment.bench.GradientDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actbench dump}: one step of the reference network as NumPy files for other frameworks. */
@Command(
    name = "dump",
    header = "Write one training step as NumPy files for other frameworks.",
    mixinStandardHelpOptions = true,
    description = {
      "Write input, labels, every parameter and its gradient for one step of the reference network",
      "as .npy files plus manifest.json (conv weights [out, in, kh, kw], dense weights [out, in])."
    })
final class DumpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ActivationOptions activation;

  @Mixin KernelsOption kernels;

  @Option(names = "--seed", description = "seed of weights and images (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--batch", description = "images (default: ${DEFAULT-VALUE})")
  int batch = 8;

  @Option(names = "--out", required = true, description = "folder to write into")
  Path out;

  @Override
  public Integer call() throws IOException {
    InvalidField.inRange(batch, 1, 1024, "batch");
    GradientDump.Result r =
        GradientDump.write(activation.spec(), kernels.requested(), seed, batch, out);
    spec.commandLine()
        .getOut()
        .printf(Locale.ROOT, "wrote %s kernels=%s loss=%.6f%n", out, r.kernels().id(), r.loss());
    return 0;
  }
}
