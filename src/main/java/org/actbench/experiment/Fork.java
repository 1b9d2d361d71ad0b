package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.actbench.data.Cifar10;
import org.actbench.data.Progress;
import org.actbench.engine.InvalidField;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.Snapshot;
import org.actbench.engine.train.SnapshotRing;
import org.actbench.engine.train.Start;
import org.actbench.engine.train.StepMeasurement;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingLoop;
import org.actbench.engine.train.TrainingSink;

/**
 * Rewind and fork: a new run that starts from a parent run's state after step {@code at} and trains
 * on with other settings, on the same batches the parent saw and will see.
 *
 * <p>The state at {@code at} is rebuilt from the nearest state at or before it: a snapshot in the
 * parent's {@link SnapshotRing} (a run of this window), a checkpoint on disk, or the beginning (the
 * initial weights follow from the seed); the batches from there up to {@code at} are replayed with
 * the parent's settings, so the state is the parent's (dropout masks aside). Then it is carried
 * into the fork's network: every weight and BN statistic exactly, a PReLU slope the parent lacked
 * at its initial value, the optimiser's state only when the optimiser stays the same.
 *
 * <p>A fork may change what the weights can carry: the activation, learning rate, optimiser,
 * momentum, schedule (and how long it trains, what it measures, which kernels run it). Anything
 * that needs other weights or other batches is refused with the reason ({@link #check}).
 */
public final class Fork {
  private Fork() {}

  /**
   * The fork's folder, holding the state at the fork step as its first checkpoint, and its runner.
   */
  public record Prepared(RunFolder folder, Runner runner, long replayedFrom, String source) {
    /** Trains the fork from the fork step to its end (a resume from its first checkpoint). */
    public RunResult train(TrainingSink sink, BooleanSupplier cancelled) throws IOException {
      return folder.resume(runner, sink, cancelled, null);
    }
  }

  /**
   * Checks that {@code child} differs from {@code parent} only where a fork may.
   *
   * @throws InvalidField naming the first field that differs and why a fork cannot change it
   */
  public static void check(TrainSpec parent, TrainSpec child) {
    String weights = "the parent's weights have no place in another network; start a new run";
    refuse(parent, child, TrainSpec::family, "family", weights);
    refuse(parent, child, TrainSpec::depth, "depth", weights);
    refuse(parent, child, TrainSpec::width, "width", weights);
    refuse(parent, child, TrainSpec::explicit, "explicit", weights);
    refuse(
        parent,
        child,
        TrainSpec::batchNorm,
        "batchNorm",
        "the parent's weights were trained "
            + (parent.batchNorm() ? "with" : "without")
            + " batch normalisation and need it "
            + (parent.batchNorm() ? "on" : "off")
            + "; start a new run");
    String batches = "a fork trains on the parent's batches; start a new run";
    refuse(parent, child, TrainSpec::dropout, "dropout", batches);
    refuse(parent, child, TrainSpec::batch, "batch", batches);
    refuse(parent, child, TrainSpec::seed, "seed", batches);
    refuse(parent, child, TrainSpec::data, "data", batches);
    refuse(parent, child, TrainSpec::perClass, "perClass", batches);
    refuse(parent, child, TrainSpec::preprocessing, "preprocessing", batches);
    refuse(parent, child, TrainSpec::augment, "augment", batches);
    refuse(parent, child, TrainSpec::init, "init", "a fork starts from the parent's weights");
    refuse(
        parent,
        child,
        TrainSpec::weightDecay,
        "weightDecay",
        "a fork may change the activation, learning rate, optimiser, momentum and schedule only");
  }

  private static void refuse(
      TrainSpec parent,
      TrainSpec child,
      Function<TrainSpec, Object> field,
      String name,
      String why) {
    Object a = field.apply(parent);
    Object b = field.apply(child);
    if (!Objects.equals(a, b)) {
      throw new InvalidField(
          name, "cannot change in a fork (" + a + " in the parent, " + b + " asked): " + why);
    }
  }

  /**
   * Rebuilds the parent's state after step {@code at}, carries it into the fork's network and
   * creates the fork's run folder in {@code store} with that state as its first checkpoint and
   * {@code forkOf} naming the parent and the step. Nothing is written before the state is rebuilt;
   * the folder appears whole or not at all ({@link RunFolder#createFrom}).
   *
   * @param ring the parent's snapshots in memory, or null
   * @param child the fork's spec: the parent's with the changes (its {@code forkOf} is set here)
   * @param data the dataset the parent's spec names, already read
   * @throws InvalidField if {@code at} is outside the parent's run or a change is refused
   */
  public static Prepared prepare(
      RunFolder parent,
      SnapshotRing ring,
      long at,
      TrainSpec child,
      Cifar10 data,
      Path cacheDir,
      Path store,
      int checkpointEvery,
      BooleanSupplier cancelled)
      throws IOException {
    TrainSpec parentSpec = parent.spec();
    check(parentSpec, child);
    long last = lastStep(parent.dir());
    InvalidField.check(
        at >= 0 && at <= last,
        "at",
        "must be a step of the parent run, 0.."
            + last
            + " (it has trained "
            + last
            + "), got "
            + at);
    InvalidField.check(
        at < child.steps(),
        "steps",
        "must be more than the fork step " + at + " for the fork to train, got " + child.steps());
    TrainSpec forkSpec = child.toBuilder().forkOf(new ForkOrigin(parent.id(), at)).build();
    List<SettingChange> changes = EventsCsv.read(parent.dir().resolve(EventsCsv.FILE), "");
    Runner replay = new Runner(parentSpec, data, cacheDir, Progress.NONE);
    List<String> source = new ArrayList<>();
    Snapshot state = nearest(parent.dir(), ring, at, replay, source, changes);
    long from = state == null ? 0 : state.step();
    Snapshot atFork = replayTo(replay, state, at, changes, cancelled);
    Runner runner = new Runner(forkSpec, data, cacheDir, Progress.NONE);
    TrainingLoop loop = runner.loop();
    List<SettingChange> inherited = inherited(parentSpec, child, changes, at);
    // as at a checkpoint: the changes before the step are in effect, those at it come after
    loop.live().restore(inherited.stream().filter(c -> c.step() < at).toList(), loop.optimizer());
    atFork.carryInto(loop.network(), loop.optimizer(), parentSpec.optimizer() == child.optimizer());
    RunFolder folder =
        RunFolder.createFrom(
            store,
            runner.spec(),
            atFork.start(),
            checkpointEvery,
            loop.network(),
            loop.optimizer(),
            inherited);
    return new Prepared(folder, runner, from, source.isEmpty() ? "the beginning" : source.get(0));
  }

  /**
   * The parent's live changes up to step {@code at} that the fork keeps, as they are (the fork
   * shares the parent's history up to there): the learning rate's unless the fork sets its own, the
   * momentum's unless the fork sets its own or another optimiser.
   */
  private static List<SettingChange> inherited(
      TrainSpec parent, TrainSpec child, List<SettingChange> changes, long at) {
    boolean lr = parent.lr() == child.lr();
    boolean momentum =
        parent.momentum() == child.momentum() && parent.optimizer() == child.optimizer();
    return changes.stream()
        .filter(c -> c.step() <= at)
        .filter(c -> c.setting() == SettingChange.Setting.LR ? lr : momentum)
        .toList();
  }

  /** The last step in the parent's metrics.csv (0 if none yet). */
  private static long lastStep(Path runDir) {
    if (!Files.exists(runDir.resolve("metrics.csv"))) {
      return 0;
    }
    RunData.Curve loss = RunData.curve(runDir, "train_loss", null);
    return loss.size() == 0 ? 0 : (long) loss.steps()[loss.size() - 1];
  }

  /**
   * The newest state at or before {@code at}: a snapshot in memory or a checkpoint on disk (a
   * damaged one is passed over for an older one), or null for the beginning.
   */
  private static Snapshot nearest(
      Path runDir,
      SnapshotRing ring,
      long at,
      Runner replay,
      List<String> source,
      List<SettingChange> changes)
      throws IOException {
    Snapshot best = ring == null ? null : ring.atOrBefore(at).orElse(null);
    if (best != null) {
      source.add("the snapshot in memory at step " + best.step());
    }
    for (Path dir : Checkpoint.all(runDir)) {
      long step = Checkpoint.stepOf(dir);
      if (step < 0 || step > at || (best != null && step <= best.step())) {
        continue;
      }
      try {
        // SGD's momentum at that step decides which arrays its state has
        restoreUpTo(replay, changes, step - 1);
        best = replay.load(dir).snapshot();
        source.clear();
        source.add("the checkpoint at step " + step);
        break;
      } catch (IllegalArgumentException damaged) {
        // an older state serves as well: the replay is exact
      }
    }
    return best;
  }

  /** Puts the parent's settings after {@code step} into the replay runner, unreported. */
  private static void restoreUpTo(Runner replay, List<SettingChange> changes, long step) {
    replay
        .loop()
        .live()
        .restore(
            changes.stream().filter(c -> c.step() <= step).toList(), replay.loop().optimizer());
  }

  /**
   * Puts {@code state} (null: the beginning) into the replay runner and trains its batches up to
   * step {@code at} with the parent's settings, unmeasured; returns the state after {@code at}.
   */
  private static Snapshot replayTo(
      Runner replay,
      Snapshot state,
      long at,
      List<SettingChange> changes,
      BooleanSupplier cancelled) {
    TrainingLoop loop = replay.loop();
    Start start = Start.FRESH;
    long from = state == null ? 0 : state.step();
    restoreUpTo(replay, changes, from - 1);
    loop.live().plan(changes.stream().filter(c -> c.step() >= from && c.step() < at).toList());
    if (state != null) {
      state.applyTo(loop.network(), loop.optimizer());
      loop.trainLoader().skip(state.step());
      start = state.start();
    }
    if (start.step() == at) {
      return Snapshot.take(start, loop.network(), loop.optimizer());
    }
    double[] reached = {start.seconds(), start.lastTrainLoss(), start.lastTestAcc()};
    loop.trainingStep().bound(replay.spec().batch()).observe(false);
    RunResult result =
        loop.run(
            start,
            at,
            Long.MAX_VALUE,
            0,
            event -> {
              if (event instanceof StepRecord s) {
                reached[0] = s.seconds();
                reached[1] = s.trainLoss();
              } else if (event instanceof EvalRecord e) {
                reached[2] = e.testAcc();
              }
            },
            StepMeasurement.NONE,
            cancelled);
    if (result.status() == RunResult.Status.CANCELLED) {
      throw new CancellationException("the fork was stopped while replaying the parent's batches");
    }
    if (result.status() != RunResult.Status.FINISHED) {
      throw new IllegalArgumentException(
          "the parent's state diverged while replaying to step " + at + "; fork earlier");
    }
    return Snapshot.take(
        new Start(at, reached[0], reached[1], reached[2]), loop.network(), loop.optimizer());
  }
}
