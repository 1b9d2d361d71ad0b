package org.actbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.engine.ActivationSpec;
import org.actbench.experiment.DepthMeans;
import org.actbench.experiment.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code actbench experiment}: the paper's experiments, scaled to this machine. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = "Run one of the paper's experiments at small scale.",
    subcommands = {ExperimentCommand.DepthMeansCommand.class})
final class ExperimentCommand implements Runnable {
  @ParentCommand ActBenchCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "depth-means",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "The paper's Figure 2: median unit mean and training loss of a deep plain CNN for each",
        "activation and paired seed. Writes OUT/runs/<run-id>/, OUT/depth-means.csv and",
        "OUT/summary.txt. At the defaults it takes about 12 minutes on 2 cores."
      })
  static final class DepthMeansCommand implements Callable<Integer> {
    @ParentCommand ExperimentCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--data", description = "cifar-10-binary.tar.gz, a folder or sample (default: ACTBENCH_CIFAR10, then the cache)")
    String data;

    @Option(names = "--activations", split = ",", description = "comma-separated (default: ${DEFAULT-VALUE})")
    List<String> activations = new ArrayList<>(List.of("elu", "relu", "lrelu", "srelu"));

    @Option(names = "--depth", description = "conv layers (default: ${DEFAULT-VALUE})")
    int depth = 8;

    @Option(names = "--width", description = "base width (default: ${DEFAULT-VALUE})")
    int width = 16;

    @Option(names = "--seeds", description = "paired seeds 1..N (default: ${DEFAULT-VALUE})")
    int seeds = 3;

    @Option(names = "--steps", description = "training steps per run (default: ${DEFAULT-VALUE})")
    int steps = 500;

    @Option(names = "--out", required = true, description = "folder for the results")
    Path out;

    @Override
    public Integer call() throws IOException {
      ActBenchCommand root = parent.root;
      PrintWriter stdout = spec.commandLine().getOut();
      List<ActivationSpec> acts = activations.stream().map(ActivationSpec::of).toList();
      DepthMeans experiment = new DepthMeans(acts, depth, width, seeds, steps, data == null ? "default" : data);
      experiment.spec(acts.get(0), 1).network(); // validates depth, width and steps before any work
      Cifar10 dataset = Cifar10Reader.read(root.locator.require(data));
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
      String[] label = {""};
      List<DepthMeans.Point> points;
      try {
        points =
            experiment.run(
                dataset,
                root.locator.cacheRoot(),
                out,
                new DepthMeans.Listener() {
                  @Override
                  public void runStarted(int index, int total, TrainSpec s) {
                    label[0] = String.format(Locale.ROOT, "run %d/%d %s", index, total, s.shortName());
                  }

                  @Override
                  public void step(long step, long total, double loss) {
                    progress.detail(String.format(Locale.ROOT, " loss %.3f", loss));
                    progress.update(label[0], step, total);
                  }
                },
                () -> Thread.currentThread().isInterrupted());
      } finally {
        progress.finish();
      }
      Files.createDirectories(out);
      DepthMeans.writeCsv(out.resolve("depth-means.csv"), points);
      String summary = experiment.summaryText(points);
      Files.writeString(out.resolve("summary.txt"), summary);
      stdout.print(summary);
      return 0;
    }
  }
}
