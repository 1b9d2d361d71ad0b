package org.actbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DataSource;
import org.actbench.engine.InvalidField;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.LiveSettings;
import org.actbench.engine.train.MeasureCost;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.CorrectionKind;
import org.actbench.experiment.EventsCsv;
import org.actbench.experiment.Fork;
import org.actbench.experiment.InitChoice;
import org.actbench.experiment.Json;
import org.actbench.experiment.NetworkFamily;
import org.actbench.experiment.OptimizerKind;
import org.actbench.experiment.PreprocessingKind;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.ScheduleKind;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.WatchedSettings;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
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
      description =
          "constant, paper-steps or cosine, or a schedule file: CSV rows step,setting,value"
              + " changing lr or momentum after that step (default: ${DEFAULT-VALUE})")
  String schedule = DEFAULTS.schedule().id();

  @Option(
      names = "--watch",
      description =
          "a file of lines lr=X and momentum=X, read while the run trains: each edit changes"
              + " the run from its next step (recorded in events.csv)")
  Path watch;

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
      names = "--fork",
      description =
          "start a new run from this run folder's state after --at STEP, with the activation,"
              + " --lr, --optimizer, --momentum or --schedule given (into --out, default: beside it)")
  Path fork;

  @Option(names = "--at", description = "the parent's step a --fork starts from")
  Long at;

  @Option(
      names = "--checkpoint-every",
      description =
          "save weights and optimiser state every N steps, 0: only at the end (default: 0; with --resume: the run's own)")
  Integer checkpointEvery;

  @Option(
      names = "--log-every",
      description =
          "write layers.csv rows of unit means every so many steps (default: ${DEFAULT-VALUE})")
  int logEvery = DEFAULTS.metrics().logEvery();

  @Option(
      names = "--histogram-every",
      description =
          "activation histograms, with dead and saturated shares and moments, every so many steps,"
              + " 0 never (default: ${DEFAULT-VALUE})")
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
      names = "--probe-source",
      description =
          "step (the probed step's own batch and gradients: no pass of its own) or probe (the"
              + " fixed probe batch of --probe-size images, a pass of its own: dearer, and what"
              + " --fisher true and --covariance unit need) (default: step, or probe with those)")
  String probeSource;

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

  /** The source asked for, else the one the other probe options can use. */
  private String probeSource() {
    return probeSource != null ? probeSource : ProbeSettings.sourceFor(fisher, covariance);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (at != null && fork == null) {
      throw new IllegalArgumentException("--at is the step of a --fork; give --fork RUN_FOLDER");
    }
    if (watch != null && Files.exists(watch) && !Files.isRegularFile(watch)) { // a folder, a FIFO
      throw new IllegalArgumentException(
          "--watch " + watch + " is not a plain file: give a file of lines lr=X, momentum=X");
    }
    if (fixedIntervals
        && spec.commandLine().getParseResult().hasMatchedOption("--measure-budget")) {
      throw new IllegalArgumentException(
          "--measure-budget and --fixed-intervals conflict: a budget widens the intervals, fixed"
              + " intervals keep them whatever they cost; give one");
    }
    if (fork != null) {
      return fork(stdout);
    }
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
    List<SettingChange> planned = resumed != null ? List.of() : scheduledChanges(runner.spec());
    RunFolder folder = resumed != null ? resumed : RunFolder.create(out, runner.spec());
    if (!planned.isEmpty()) {
      folder.setSchedule(planned);
    }
    if (resumed != null && !runner.spec().kernels().equals(resumed.spec().kernels())) {
      Json.write(folder.dir().resolve("spec.json"), runner.spec()); // says what runs it from here
    }
    RunResult result;
    long total = train.steps();
    MeasureCost[] cost = {null}; // the last: what measuring cost, at which intervals
    try (WatchedSettings watched = watch(runner.loop().live())) {
      TrainingSink bar = progressBar(progress, total, cost);
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
          "measure=%.1f%% of plain steps (budget %s) log_every=%d probe_every=%d probes=%d"
              + " probe_cost=%s at step %d%n",
          c.overheadPercent(),
          Double.isNaN(c.budgetPercent())
              ? "none"
              : String.format(Locale.ROOT, "%.1f%%", c.budgetPercent()),
          c.logEvery(),
          c.probeEvery(),
          c.probes(),
          Double.isNaN(c.probeSteps())
              ? "unknown"
              : String.format(
                  Locale.ROOT,
                  "%.1f plain steps%s",
                  c.probeSteps(),
                  c.probes() == 0 ? " (assumed until one runs)" : ""),
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

  /** The progress bar's sink; it also keeps the last {@link MeasureCost} in {@code cost[0]}. */
  private static TrainingSink progressBar(
      ConsoleProgress progress, long total, MeasureCost[] cost) {
    return new TrainingSink() {
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
                      : String.format(Locale.ROOT, " test_acc %.3f (step %d)", testAcc, testedAt)));
          progress.update("train", s.step(), total);
        } else if (event instanceof EvalRecord e) {
          testAcc = e.testAcc();
          testedAt = e.step();
        } else if (event instanceof MeasureCost c) {
          cost[0] = c;
        }
      }
    };
  }

  /**
   * {@code --fork RUN --at STEP}: the parent's spec with every option given on the command line,
   * checked by {@link Fork#check} (a refused change: exit 2 naming the option and why).
   */
  private Integer fork(PrintWriter stdout) throws IOException {
    if (at == null) {
      throw new IllegalArgumentException("--fork needs --at STEP, the parent's step to start from");
    }
    if (resume != null || specFile != null) {
      throw new IllegalArgumentException("--fork cannot be given with --resume or --spec");
    }
    if (checkpointEvery != null) {
      InvalidField.inRange(checkpointEvery, 0, TrainSpec.MAX_STEPS, "checkpointEvery");
    }
    RunFolder parent = RunFolder.open(fork);
    TrainSpec child = changed(parent.spec());
    Fork.check(parent.spec(), child); // before any work: a refused change leaves nothing behind
    Path store = out != null ? out : fork.toAbsolutePath().normalize().getParent();
    RunFolder.checkStore(store);
    String where = child.data();
    List<SettingChange> planned = scheduledChanges(child);
    DataSource source = root.locator.require(where.equals("default") ? null : where);
    Cifar10 dataset = Cifar10Reader.read(source);
    Fork.Prepared prepared =
        Fork.prepare(
            parent,
            null,
            at,
            child,
            dataset,
            root.locator.cacheRoot(),
            store,
            checkpointEvery == null ? 0 : checkpointEvery,
            () -> Thread.currentThread().isInterrupted());
    stdout.printf(
        Locale.ROOT,
        "forked from %s at step %d (replayed from %s)%n",
        parent.id(),
        at,
        prepared.source());
    stdout.flush();
    if (!planned.isEmpty()) {
      prepared.folder().setSchedule(planned);
    }
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
    RunResult result;
    try (WatchedSettings watched = watch(prepared.runner().loop().live())) {
      result =
          prepared.train(
              progressBar(progress, child.steps(), new MeasureCost[1]),
              () -> Thread.currentThread().isInterrupted());
    } finally {
      progress.finish();
    }
    stdout.printf(Locale.ROOT, "kernels=%s%n", prepared.runner().spec().kernels());
    stdout.printf(
        Locale.ROOT,
        "run=%s status=%s final_train_loss=%.6f test_acc=%.4f%n",
        prepared.folder().id(),
        result.status().id(),
        result.finalTrainLoss(),
        result.testAcc());
    return result.status() == RunResult.Status.FINISHED ? 0 : 1;
  }

  /** The parent's spec with the options given on the command line (and only those). */
  private TrainSpec changed(TrainSpec parent) {
    ParseResult given = spec.commandLine().getParseResult();
    TrainSpec options = fromOptions();
    TrainSpec.Builder b = parent.toBuilder();
    if (given.hasMatchedOption("--family")) {
      b.family(options.family());
    }
    if (given.hasMatchedOption("--activation")
        || given.hasMatchedOption("--alpha")
        || given.hasMatchedOption("--slope")) {
      b.activation(options.activation());
    }
    if (given.hasMatchedOption("--kernels")) {
      b.kernels(options.kernels());
    }
    if (given.hasMatchedOption("--depth")) {
      b.depth(depth);
    }
    if (given.hasMatchedOption("--width")) {
      b.width(width);
    }
    if (given.hasMatchedOption("--bn")) {
      b.batchNorm(batchNorm);
    }
    if (given.hasMatchedOption("--dropout")) {
      b.dropout(dropout);
    }
    if (given.hasMatchedOption("--init")) {
      b.init(options.init());
    }
    if (given.hasMatchedOption("--optimizer")) {
      b.optimizer(options.optimizer());
    }
    if (given.hasMatchedOption("--lr")) {
      b.lr(lr);
    }
    if (given.hasMatchedOption("--momentum")) {
      b.momentum(momentum);
    }
    if (given.hasMatchedOption("--weight-decay")) {
      b.weightDecay(weightDecay);
    }
    if (given.hasMatchedOption("--schedule") && scheduleFile() == null) {
      b.schedule(options.schedule());
    }
    if (given.hasMatchedOption("--batch")) {
      b.batch(batch);
    }
    if (given.hasMatchedOption("--steps")) {
      b.steps(steps);
    }
    if (given.hasMatchedOption("--eval-every")) {
      b.evalEvery(options.evalEvery());
    }
    if (given.hasMatchedOption("--seed")) {
      b.seed(seed);
    }
    if (given.hasMatchedOption("--data")) {
      b.data(data);
    }
    if (given.hasMatchedOption("--per-class")) {
      b.perClass(perClass);
    }
    if (given.hasMatchedOption("--preprocess")) {
      b.preprocessing(options.preprocessing());
    }
    if (given.hasMatchedOption("--augment")) {
      b.augment(augment);
    }
    if (METRICS_OPTIONS.stream().anyMatch(given::hasMatchedOption)) {
      b.metrics(options.metrics());
    }
    return b.build();
  }

  private static final List<String> METRICS_OPTIONS =
      List.of(
          "--log-every",
          "--histogram-every",
          "--probe-every",
          "--probe-size",
          "--fisher",
          "--covariance",
          "--probe-source");

  /** {@code --schedule} as a file of changes, or null when it names a schedule kind. */
  private Path scheduleFile() {
    for (ScheduleKind k : ScheduleKind.values()) {
      if (k.id().equals(schedule)) {
        return null;
      }
    }
    Path file = Path.of(schedule);
    if (Files.isRegularFile(file)) {
      return file;
    }
    if (schedule.contains("/") || schedule.contains(".") || Files.exists(file)) {
      throw new IllegalArgumentException( // not "must be constant, …": the file is what is wrong
          "--schedule "
              + schedule
              + ": "
              + (Files.exists(file) ? "not a plain file" : "no such file")
              + " (a schedule is constant, paper-steps, cosine or a CSV file of changes)");
    }
    return null;
  }

  /**
   * The changes of {@code --schedule FILE} (none for a schedule kind), checked for {@code train}.
   *
   * @throws IllegalArgumentException naming the file and line, or the option
   */
  private List<SettingChange> scheduledChanges(TrainSpec train) {
    Path file = scheduleFile();
    if (file == null) {
      return List.of();
    }
    List<SettingChange> changes;
    try {
      changes = EventsCsv.read(file, "schedule");
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith(file.toString()) ? m : "--schedule " + file + ": " + m, e);
    }
    try {
      new LiveSettings(train.lrSchedule(), train.newOptimizer(), train.momentum()).plan(changes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--schedule " + file + ": " + e.getMessage(), e);
    }
    for (SettingChange c : changes) { // a change after the last step would never apply
      if (c.step() >= train.steps()) {
        throw new IllegalArgumentException(
            "--schedule "
                + file
                + ": a change of "
                + c.setting().id()
                + " after step "
                + c.step()
                + " comes at or past the run's last step ("
                + train.steps()
                + "); it would never apply");
      }
    }
    return changes;
  }

  /** Watches {@code --watch FILE} for the run's live settings, or null. */
  private WatchedSettings watch(LiveSettings live) {
    if (watch == null) {
      return null;
    }
    PrintWriter err = spec.commandLine().getErr();
    return new WatchedSettings(
        watch,
        live,
        line -> {
          err.println("warning: " + line);
          err.flush();
        });
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
        .schedule(scheduleFile() != null ? ScheduleKind.CONSTANT : ScheduleKind.parse(schedule))
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
                    ProbeSettings.defaultRows(probeSource()),
                    probeSource()),
                fixedIntervals ? null : measureBudget))
        .kernels(kernels.requested())
        .correctBiasShift(CorrectionKind.parse(correctBiasShift))
        .build();
  }
}
