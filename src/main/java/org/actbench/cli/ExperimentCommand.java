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
import org.actbench.data.Progress;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.InvalidField;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.train.StepRecord;
import org.actbench.experiment.Counterfactual;
import org.actbench.experiment.DepthMeans;
import org.actbench.experiment.Preset;
import org.actbench.experiment.Runner;
import org.actbench.experiment.RunsListener;
import org.actbench.experiment.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code actbench experiment}: the paper's experiments, scaled to this machine. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = "Run one of the paper's experiments at small scale.",
    subcommands = {
      ExperimentCommand.DepthMeansCommand.class,
      ExperimentCommand.CounterfactualCommand.class,
      ExperimentCommand.PresetCommand.class
    })
final class ExperimentCommand implements Runnable {
  @ParentCommand ActBenchCommand root;
  @Spec CommandSpec spec;

  /**
   * How long the whole experiment will take, said twice: from the first run's steps 6 to 15 (the
   * first steps include start-up), which counts training steps only, so a user knows before the
   * minutes pass; then from the first run's whole time (its evaluations, measurements and
   * checkpoints too), when the second run starts. The preset {@code figure2} said 4m37s by the
   * first and took 7m34s: the steps are about 60 % of it.
   */
  static final class Estimate {
    private final java.io.PrintWriter err;
    private long startedAt;
    private boolean said;
    private long firstRunStartedAt;

    Estimate(java.io.PrintWriter err) {
      this.err = err;
    }

    void step(long step, long totalSteps) {
      if (said) {
        return;
      }
      if (step == 5) {
        startedAt = System.nanoTime();
      } else if (step == 15 && startedAt != 0) {
        double perStep = (System.nanoTime() - startedAt) / 1e9 / 10;
        err.printf(
            Locale.ROOT,
            "estimate: %d steps at %.2f s each, about %s of training; evaluations and"
                + " measurements come on top (a second estimate follows the first run)%n",
            totalSteps,
            perStep,
            ConsoleProgress.duration(perStep * totalSteps));
        err.flush();
        said = true;
      }
    }

    /** Run {@code index} of {@code total} (from 1) starts. */
    void runStarted(int index, int total) {
      if (index == 1) {
        firstRunStartedAt = System.nanoTime();
      } else if (index == 2 && firstRunStartedAt != 0) {
        double first = (System.nanoTime() - firstRunStartedAt) / 1e9;
        err.printf(
            Locale.ROOT,
            "estimate: the first of %d runs took %s in all: about %s for the experiment if the"
                + " others take as long%n",
            total,
            ConsoleProgress.duration(first),
            ConsoleProgress.duration(first * total));
        err.flush();
      }
    }
  }

  /** Paired seeds are 1..N; a thousand is already more runs than a machine can train. */
  static final int MAX_SEEDS = 1000;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "depth-means",
      header = "The paper's Figure 2 at small scale: unit means and loss by depth.",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "The paper's Figure 2: median unit mean and training loss of a deep plain CNN for each",
        "activation and paired seed. Writes OUT/<run-id>/ (OUT is a store: compare --store OUT),",
        "OUT/depth-means.csv and OUT/summary.txt. It prints an estimate of its duration once the",
        "first steps are timed."
      })
  static final class DepthMeansCommand implements Callable<Integer> {
    @ParentCommand ExperimentCommand parent;
    @Spec CommandSpec spec;

    @Mixin DataOption data;

    @Option(
        names = "--activations",
        split = ",",
        completionCandidates = ActivationOptions.Choices.class,
        description = "comma-separated, of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    List<String> activations =
        new ArrayList<>(ActivationKind.IN_THE_PAPER.stream().map(ActivationKind::id).toList());

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

    @Mixin KernelsOption kernels;

    @Override
    public Integer call() throws IOException {
      ActBenchCommand root = parent.root;
      PrintWriter stdout = spec.commandLine().getOut();
      InvalidField.inRange(seeds, 1, MAX_SEEDS, "seeds");
      List<ActivationSpec> acts = activations.stream().map(ActivationSpec::of).toList();
      DepthMeans experiment =
          new DepthMeans(acts, depth, width, seeds, steps, data.asSpec(), kernels.requested());
      experiment.spec(acts.get(0), 1).network(); // validates depth, width and steps before any work
      Cifar10 dataset = data.read(root.locator);
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
      Estimate estimate = new Estimate(spec.commandLine().getErr());
      List<DepthMeans.Point> points;
      try {
        points =
            experiment.run(
                dataset,
                root.locator.cacheRoot(),
                out,
                consoleListener(progress, estimate, (long) acts.size() * seeds * steps),
                () -> Thread.currentThread().isInterrupted());
      } finally {
        progress.finish();
      }
      Files.createDirectories(out);
      DepthMeans.writeCsv(out.resolve("depth-means.csv"), points);
      String summary = experiment.summaryText(points, dataset);
      Files.writeString(out.resolve("summary.txt"), summary);
      stdout.print(summary);
      return 0;
    }
  }

  @Command(
      name = "counterfactual",
      header = "Does removing the bias shift from ReLU's updates close the gap to ELU?",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "ReLU, ReLU with every update's bias-shift term removed (--correct-bias-shift shared) and",
        "ELU, paired seeds, a plain CNN of 8 conv layers. Writes OUT/<run-id>/ (OUT is a store),",
        "OUT/counterfactual.csv and OUT/summary.txt: the paired training-loss gaps with 95%% t",
        "intervals, the verdict whatever it is, and the correction's cost per step."
      })
  static final class CounterfactualCommand implements Callable<Integer> {
    @ParentCommand ExperimentCommand parent;
    @Spec CommandSpec spec;

    @Mixin DataOption data;

    @Option(names = "--seeds", description = "paired seeds 1..N (default: ${DEFAULT-VALUE})")
    int seeds = 3;

    @Option(names = "--steps", description = "training steps per run (default: ${DEFAULT-VALUE})")
    int steps = Preset.COUNTERFACTUAL.defaultSteps();

    @Option(names = "--out", required = true, description = "folder for the results")
    Path out;

    @Mixin KernelsOption kernels;

    @Override
    public Integer call() throws IOException {
      ActBenchCommand root = parent.root;
      InvalidField.inRange(seeds, 1, MAX_SEEDS, "seeds");
      InvalidField.inRange(steps, 1, TrainSpec.MAX_STEPS, "steps");
      Counterfactual experiment =
          new Counterfactual(seeds, steps, data.asSpec(), kernels.requested());
      Cifar10 dataset = data.read(root.locator);
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
      Estimate estimate = new Estimate(spec.commandLine().getErr());
      List<Counterfactual.Run> runs;
      try {
        runs =
            experiment.run(
                dataset,
                root.locator.cacheRoot(),
                out,
                consoleListener(progress, estimate, 3L * seeds * steps),
                () -> Thread.currentThread().isInterrupted());
      } finally {
        progress.finish();
      }
      Counterfactual.writeCsv(out.resolve("counterfactual.csv"), runs);
      String summary = experiment.summaryText(runs, dataset.title());
      Files.writeString(out.resolve("summary.txt"), summary);
      spec.commandLine().getOut().print(summary);
      return 0;
    }
  }

  @Command(
      name = "preset",
      header = "Run one of the paper presets into a store.",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Run one of the paper presets into a store: figure2, paper11, bn, demo, depth-sweep or",
        "counterfactual, with paired",
        "seeds. Writes OUT/<run-id>/ for every run (tagged preset:NAME) and OUT/preset-NAME.md, which",
        "says how the setup differs from the paper's. Compare and export them with compare/export."
      })
  static final class PresetCommand implements Callable<Integer> {
    @ParentCommand ExperimentCommand parent;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "figure2, paper11, bn, demo, depth-sweep or counterfactual")
    String name;

    @Mixin DataOption data;

    @Option(names = "--seeds", description = "paired seeds 1..N (default: ${DEFAULT-VALUE})")
    int seeds = 3;

    @Option(names = "--steps", description = "steps per run (default: the preset's)")
    Integer steps;

    @Option(names = "--out", required = true, description = "the store to write the runs into")
    Path out;

    @Mixin KernelsOption kernels;

    @Override
    public Integer call() throws IOException {
      InvalidField.inRange(seeds, 1, MAX_SEEDS, "seeds");
      if (steps != null) {
        InvalidField.inRange(steps, 1, TrainSpec.MAX_STEPS, "steps");
      }
      org.actbench.experiment.Preset preset = org.actbench.experiment.Preset.parse(name);
      int n = steps != null ? steps : preset.defaultSteps();
      List<TrainSpec> specs =
          preset.specs(data.asSpec(), seeds, n).stream()
              .map(s -> s.withKernels(kernels.requested()))
              .toList();
      Cifar10 dataset = data.read(parent.root.locator);
      Files.createDirectories(out);
      StringBuilder md =
          new StringBuilder(
              "# "
                  + preset.title()
                  + "\n\n"
                  + preset.differences(seeds, n, dataset.title(), dataset.epochs(n, 64))
                  + "\n\nRuns:\n\n");
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
      Estimate estimate = new Estimate(spec.commandLine().getErr());
      try {
        for (int i = 0; i < specs.size(); i++) {
          TrainSpec s = specs.get(i);
          String label =
              String.format(Locale.ROOT, "run %d/%d %s", i + 1, specs.size(), s.shortName());
          estimate.runStarted(i + 1, specs.size());
          Runner runner = new Runner(s, dataset, parent.root.locator.cacheRoot(), Progress.NONE);
          org.actbench.experiment.RunFolder folder =
              org.actbench.experiment.RunFolder.create(out, runner.spec(), List.of(preset.tag()));
          org.actbench.engine.train.RunResult r =
              folder.train(
                  runner,
                  event -> {
                    if (event instanceof StepRecord step) {
                      progress.update(label, step.step(), s.steps());
                      estimate.step(step.step(), specs.stream().mapToLong(TrainSpec::steps).sum());
                    }
                  },
                  () -> Thread.currentThread().isInterrupted());
          md.append("- ")
              .append(folder.id())
              .append(": ")
              .append(r.status().id())
              .append(
                  String.format(
                      Locale.ROOT,
                      ", final train loss %.4f, test accuracy %.4f%n",
                      r.finalTrainLoss(),
                      r.testAcc()));
        }
      } finally {
        progress.finish();
      }
      Files.writeString(out.resolve("preset-" + preset.id() + ".md"), md.toString());
      spec.commandLine().getOut().print(md);
      return 0;
    }
  }

  /** The progress bar's line for each run and the estimate of the whole experiment's time. */
  private static RunsListener consoleListener(
      ConsoleProgress progress, Estimate estimate, long experimentSteps) {
    return new RunsListener() {
      private String label = "";

      @Override
      public void runStarted(int index, int total, TrainSpec s) {
        label = String.format(Locale.ROOT, "run %d/%d %s", index, total, s.shortName());
        estimate.runStarted(index, total);
      }

      @Override
      public void step(long step, long total, double loss) {
        progress.detail(String.format(Locale.ROOT, " loss %.3f", loss));
        progress.update(label, step, total);
        estimate.step(step, experimentSteps);
      }
    };
  }
}
