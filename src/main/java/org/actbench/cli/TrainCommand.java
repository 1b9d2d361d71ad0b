package org.actbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DataSource;
import org.actbench.engine.InvalidField;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.MeasureCost;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.CorrectionKind;
import org.actbench.experiment.InitChoice;
import org.actbench.experiment.Json;
import org.actbench.experiment.NetworkFamily;
import org.actbench.experiment.OptimizerKind;
import org.actbench.experiment.PreprocessingKind;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.ScheduleKind;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code actbench train}: one training run, with a progress bar, into {@code OUT/<run-id>/}. */
@Command(
    name = "train",
    header = "Train one network and write its run folder.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train one network and write OUT/<run-id>/: spec.json, metrics.csv, layers.csv (unit-mean",
      "drift and bias shift per layer) and histograms.csv. The last line is",
      "run=<run-id> status=<finished|diverged|cancelled> final_train_loss=<float> test_acc=<float>"
    })
final class TrainCommand implements Callable<Integer> {
  private static final TrainSpec DEFAULTS = TrainSpec.defaults();

  @ParentCommand ActBenchCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--spec",
      description = "a spec.json to train (other network options are ignored)")
  Path specFile;

  @Option(
      names = "--family",
      description = "plain, reference or paper11 (default: ${DEFAULT-VALUE})")
  String family = DEFAULTS.family().id();

  @Mixin ActivationOptions activation;

  @Mixin KernelsOption kernels;

  @Option(
      names = "--depth",
      description = "conv layers of the plain family, 1..20 (default: ${DEFAULT-VALUE})")
  int depth = DEFAULTS.depth();

  @Option(
      names = "--width",
      description =
          "base width; for paper11 percent of the paper's widths (default: ${DEFAULT-VALUE})")
  int width = DEFAULTS.width();

  @Option(names = "--bn", description = "batch normalisation before each activation")
  boolean batchNorm;

  @Option(names = "--dropout", description = "dropout after each pool (default: ${DEFAULT-VALUE})")
  double dropout = DEFAULTS.dropout();

  @Option(
      names = "--init",
      description = "auto (He; LeCun for SELU), he, glorot or lecun (default: ${DEFAULT-VALUE})")
  String init = DEFAULTS.init().id();

  @Option(names = "--optimizer", description = "sgd, nesterov or adam (default: ${DEFAULT-VALUE})")
  String optimizer = DEFAULTS.optimizer().id();

  @Option(names = "--lr", description = "learning rate (default: ${DEFAULT-VALUE})")
  double lr = DEFAULTS.lr();

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE})")
  double momentum = DEFAULTS.momentum();

  @Option(names = "--weight-decay", description = "L2 weight decay (default: ${DEFAULT-VALUE})")
  double weightDecay = DEFAULTS.weightDecay();

  @Option(
      names = "--schedule",
      description = "constant, paper-steps or cosine (default: ${DEFAULT-VALUE})")
  String schedule = DEFAULTS.schedule().id();

  @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})")
  int batch = DEFAULTS.batch();

  @Option(names = "--steps", description = "training steps (default: ${DEFAULT-VALUE})")
  int steps = DEFAULTS.steps();

  @Option(
      names = "--eval-every",
      description = "test-set evaluation interval in steps (default: steps/5)")
  Integer evalEvery;

  @Option(
      names = "--seed",
      description = "seed of weights, batch order and augmentation (default: ${DEFAULT-VALUE})")
  long seed = DEFAULTS.seed();

  @Option(
      names = "--data",
      description =
          "sample, cifar-10-binary.tar.gz or a folder (default: ACTBENCH_CIFAR10, then the cache)")
  String data;

  @Option(
      names = "--per-class",
      description = "training images per class, 0 for all (default: ${DEFAULT-VALUE})")
  int perClass = DEFAULTS.perClass();

  @Option(
      names = "--preprocess",
      description = "scale, standardize or gcn-zca (default: ${DEFAULT-VALUE})")
  String preprocessing = DEFAULTS.preprocessing().id();

  @Option(names = "--augment", description = "4-pixel pad + random crop and horizontal flips")
  boolean augment;

  @Option(names = "--out", description = "folder for the run folder (required unless --resume)")
  Path out;

  @Option(
      names = "--resume",
      description =
          "continue this run folder from its latest checkpoint (other options are ignored)")
  Path resume;

  @Option(
      names = "--checkpoint-every",
      description =
          "save weights and optimiser state every N steps, 0: only at the end (default: 0; with --resume: the run's own)")
  Integer checkpointEvery;

  @Option(
      names = "--log-every",
      description = "write layers.csv rows every so many steps (default: ${DEFAULT-VALUE})")
  int logEvery = DEFAULTS.metrics().logEvery();

  @Option(
      names = "--histogram-every",
      description =
          "activation histograms every so many steps, 0 never (default: ${DEFAULT-VALUE})")
  int histogramEvery = DEFAULTS.metrics().histogramEvery();

  @Option(
      names = "--probe-every",
      description = "bias-shift probe every K steps, 0 never (default: ${DEFAULT-VALUE})")
  int probeEvery = DEFAULTS.metrics().probe().every();

  @Option(
      names = "--probe-size",
      description = "images in the fixed probe batch (default: ${DEFAULT-VALUE})")
  int probeSize = DEFAULTS.metrics().probe().size();

  @Option(
      names = "--fisher",
      description =
          "empirical (true labels) or true (labels drawn from the model) (default: ${DEFAULT-VALUE})")
  String fisher = DEFAULTS.metrics().probe().fisher();

  @Option(
      names = "--covariance",
      description =
          "shared (one per layer, cheap) or unit (exact unit Fisher) (default: ${DEFAULT-VALUE})")
  String covariance = DEFAULTS.metrics().probe().covariance();

  @Option(
      names = "--correct-bias-shift",
      description =
          "off, shared or unit: take the bias-shift term of the unit natural gradient out of every"
              + " update, with one mean per layer (cheap) or per unit (default: ${DEFAULT-VALUE})")
  String correctBiasShift = DEFAULTS.correctBiasShift().id();

  @Option(
      names = "--measure-budget",
      description =
          "percent of training time the measurements may take; the log, histogram and probe"
              + " intervals widen to stay within it, the ones given being the densest"
              + " (default: ${DEFAULT-VALUE})")
  double measureBudget = MetricsSettings.DEFAULT_BUDGET;

  @Option(
      names = "--fixed-intervals",
      description =
          "measure at exactly the --log-every, --histogram-every and --probe-every given, whatever"
              + " it costs (no --measure-budget): rows at the same steps in every run")
  boolean fixedIntervals;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (resume == null && out == null) {
      throw new IllegalArgumentException("give --out FOLDER for a new run, or --resume RUN_FOLDER");
    }
    if (checkpointEvery != null) {
      InvalidField.inRange(checkpointEvery, 0, TrainSpec.MAX_STEPS, "checkpointEvery");
    }
    RunFolder resumed = resume != null ? RunFolder.open(resume) : null;
    TrainSpec train =
        resumed != null
            ? resumed.spec()
            : specFile != null ? Json.readSpec(specFile) : fromOptions();
    if (resumed == null) {
      RunFolder.checkStore(out); // before any work: a file, /dev/null or "" is refused here
    }
    if (data != null && resumed == null) {
      train = train.withData(data);
    }
    // a spec file or a run keeps its kernels unless told otherwise
    if (kernels.kernels != null || (resumed == null && specFile == null)) {
      train = train.withKernels(kernels.requested());
    }
    DataSource source = root.locator.require(train.data().equals("default") ? null : train.data());
    Cifar10 dataset = Cifar10Reader.read(source);
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
    // Built first, so that a bad value stops here before a run folder exists.
    Runner runner = new Runner(train, dataset, root.locator.cacheRoot(), progress);
    RunFolder folder = resumed != null ? resumed : RunFolder.create(out, runner.spec());
    if (resumed != null && !runner.spec().kernels().equals(resumed.spec().kernels())) {
      Json.write(folder.dir().resolve("spec.json"), runner.spec()); // says what runs it from here
    }
    RunResult result;
    long total = train.steps();
    MeasureCost[] cost = {null}; // the last: what measuring cost, at which intervals
    try {
      TrainingSink bar =
          new TrainingSink() {
            double testAcc = Double.NaN;
            long testedAt;

            @Override
            public void accept(TrainingEvent event) {
              if (event instanceof StepRecord s) {
                // the test accuracy is as old as its evaluation: the bar says of which step
                progress.detail(
                    String.format(
                        Locale.ROOT,
                        " loss %.3f%s",
                        s.trainLoss(),
                        Double.isNaN(testAcc)
                            ? ""
                            : String.format(
                                Locale.ROOT, " test_acc %.3f (step %d)", testAcc, testedAt)));
                progress.update("train", s.step(), total);
              } else if (event instanceof EvalRecord e) {
                testAcc = e.testAcc();
                testedAt = e.step();
              } else if (event instanceof MeasureCost c) {
                cost[0] = c;
              }
            }
          };
      result =
          resumed != null
              ? folder.resume(
                  runner, bar, () -> Thread.currentThread().isInterrupted(), checkpointEvery)
              : folder.train(
                  runner,
                  bar,
                  () -> Thread.currentThread().isInterrupted(),
                  checkpointEvery == null ? 0 : checkpointEvery);
    } finally {
      progress.finish();
    }
    if (resumed != null) {
      stdout.printf(Locale.ROOT, "resumed from step %d%n", folder.resumedFrom());
    }
    stdout.printf(Locale.ROOT, "kernels=%s%n", runner.spec().kernels());
    if (cost[0] != null) {
      MeasureCost c = cost[0];
      stdout.printf(
          Locale.ROOT,
          "measure=%.1f%% of plain steps (budget %s) log_every=%d probe_every=%d at step %d%n",
          c.overheadPercent(),
          Double.isNaN(c.budgetPercent())
              ? "none"
              : String.format(Locale.ROOT, "%.1f%%", c.budgetPercent()),
          c.logEvery(),
          c.probeEvery(),
          c.step());
    }
    stdout.printf(
        Locale.ROOT,
        "run=%s status=%s final_train_loss=%.6f test_acc=%.4f%n",
        folder.id(),
        result.status().id(),
        result.finalTrainLoss(),
        result.testAcc());
    return result.status() == RunResult.Status.FINISHED ? 0 : 1;
  }

  private TrainSpec fromOptions() {
    return TrainSpec.builder()
        .family(NetworkFamily.parse(family))
        .activation(activation.spec())
        .depth(depth)
        .width(width)
        .batchNorm(batchNorm)
        .dropout(dropout)
        .init(InitChoice.parse(init))
        .optimizer(OptimizerKind.parse(optimizer))
        .lr(lr)
        .momentum(momentum)
        .weightDecay(weightDecay)
        .schedule(ScheduleKind.parse(schedule))
        .batch(batch)
        .steps(steps)
        .evalEvery(evalEvery != null ? evalEvery : Math.max(1, steps / 5))
        .seed(seed)
        .data(data == null ? "default" : data)
        .perClass(perClass)
        .preprocessing(PreprocessingKind.parse(preprocessing))
        .augment(augment)
        .metrics(
            new MetricsSettings(
                logEvery,
                histogramEvery,
                DEFAULTS.metrics().bins(),
                new ProbeSettings(
                    probeEvery,
                    probeSize,
                    fisher,
                    covariance,
                    DEFAULTS.metrics().probe().damping(),
                    DEFAULTS.metrics().probe().maxRows()),
                fixedIntervals ? null : measureBudget))
        .kernels(kernels.requested())
        .correctBiasShift(CorrectionKind.parse(correctBiasShift))
        .build();
  }
}
