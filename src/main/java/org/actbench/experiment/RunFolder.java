package org.actbench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.actbench.data.FileTrees;
import org.actbench.engine.Network;
import org.actbench.engine.optim.Optimizer;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.LiveSettings;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.SnapshotRing;
import org.actbench.engine.train.Start;
import org.actbench.engine.train.StateOnRequest;
import org.actbench.engine.train.StepEnd;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;
import org.actbench.metrics.BiasShiftProbe;

/**
 * A run's folder: {@code spec.json} and {@code status.json} (whole files, written by rename), and
 * while it trains {@code metrics.csv}, {@code layers.csv} and {@code histograms.csv}, appended as
 * it goes, and {@code checkpoints/}.
 *
 * <p>What it promises (docs/reliability.md): a new folder is created atomically, never shared with
 * another run; one process writes a run at a time ({@link RunLock}, held while it trains); before a
 * checkpoint every row up to its step is on the disk, so a resumed run's files have no hole; a
 * checkpoint is checked whole before anything is cut back to it.
 */
public final class RunFolder {
  private static final int MAX_NAME_TRIES = 10_000;

  private final Path dir;
  private final TrainSpec spec;
  private long resumedFrom;
  private volatile SnapshotRing snapshots;
  private volatile StateOnRequest onRequest;

  private RunFolder(Path dir, TrainSpec spec) {
    this.dir = dir;
    this.spec = spec;
  }

  /** Creates {@code store/<short name>-<time>[-n]/} with {@code spec.json}. */
  public static RunFolder create(Path store, TrainSpec spec) throws IOException {
    return create(store, spec, List.of());
  }

  /**
   * The same, with tags in {@code meta.json} (e.g. the preset a run belongs to). The folder is made
   * with a call that fails if it exists, so two runs started in the same second get two folders.
   *
   * @throws IllegalArgumentException if {@code store} cannot hold run folders (empty path, a file,
   *     read-only, a special file system), naming it
   */
  public static RunFolder create(Path store, TrainSpec spec, List<String> tags) throws IOException {
    Path root = prepareStore(store);
    String id =
        spec.shortName()
            + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    for (int i = 1; i <= MAX_NAME_TRIES; i++) {
      Path dir = root.resolve(i == 1 ? id : id + "-" + i);
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        continue;
      } catch (FileSystemException e) {
        throw new IllegalArgumentException(
            "cannot create a run folder in " + store + " (" + reason(e) + ")");
      }
      try {
        Json.write(dir.resolve("spec.json"), spec);
        Json.write(dir.resolve("status.json"), RunStatus.queued());
        if (!tags.isEmpty()) {
          Json.write(dir.resolve("meta.json"), new RunStore.RunMeta("", tags));
        }
      } catch (IOException | RuntimeException e) {
        FileTrees.delete(dir); // nothing of value yet: leave no half-made run behind
        throw e;
      }
      return new RunFolder(dir, spec);
    }
    throw new IOException("no free run folder name for " + id + " in " + store);
  }

  /**
   * Checks, before any work, that {@code store} can hold run folders (creating it if absent).
   *
   * @throws IllegalArgumentException naming it if not
   */
  public static void checkStore(Path store) {
    Path root = prepareStore(store);
    if (!Files.isWritable(root)) {
      throw new IllegalArgumentException(
          "cannot create a run folder in " + store + " (permission denied)");
    }
  }

  private static Path prepareStore(Path store) {
    if (store.toString().isBlank()) {
      throw new IllegalArgumentException("the run store is an empty path; give a folder");
    }
    if (Files.exists(store) && !Files.isDirectory(store)) {
      throw new IllegalArgumentException(
          store + " is not a folder (a file or device); give a folder" + " for the run folders");
    }
    try {
      return Files.createDirectories(store);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          store + " is not a folder; give a folder for the run folders");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot create the run store "
              + store
              + " ("
              + (e instanceof FileSystemException f ? reason(f) : e.getMessage())
              + ")");
    }
  }

  /** Words for a file system's refusal, never an exception's class name. */
  private static String reason(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such folder, or it cannot hold folders";
    }
    return e.getReason() != null ? e.getReason() : "the file system refused";
  }

  /**
   * Creates a run folder that begins after {@code start.step()} steps in the state of {@code
   * network} and {@code optimizer} (a fork): {@code spec.json}, {@code status.json} and that state
   * as its first checkpoint are written into a hidden temporary folder in the store and renamed
   * into place, so a kill leaves either no run at all or one that {@link #resume}s from that
   * checkpoint. Leftovers of forks killed before (their temporary folders, no longer locked) are
   * removed first.
   *
   * @param every the run's checkpoint interval (0: only at the end)
   * @param changes live changes in effect at its start (its {@code events.csv})
   */
  public static RunFolder createFrom(
      Path store,
      TrainSpec spec,
      Start start,
      int every,
      Network network,
      Optimizer optimizer,
      List<SettingChange> changes)
      throws IOException {
    Path root = prepareStore(store);
    removeKilledForks(root);
    Path tmp = Files.createTempDirectory(root, FORK_PREFIX);
    try (RunLock lock = RunLock.acquire(tmp)) {
      Json.write(tmp.resolve("spec.json"), spec);
      Json.write(tmp.resolve("status.json"), RunStatus.queued());
      if (!changes.isEmpty()) {
        try (EventsCsv events = new EventsCsv(tmp.resolve(EventsCsv.FILE))) {
          changes.forEach(events::accept);
        }
      }
      Checkpoint.save(tmp, start, every, network, optimizer);
      String id =
          spec.shortName()
              + "-at"
              + start.step()
              + "-"
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      for (int i = 1; i <= MAX_NAME_TRIES; i++) {
        Path dir = root.resolve(i == 1 ? id : id + "-" + i);
        try {
          Files.move(tmp, dir); // refuses an existing name
          return new RunFolder(dir, spec);
        } catch (FileAlreadyExistsException e) {
          continue;
        }
      }
      throw new IOException("no free run folder name for " + id + " in " + store);
    } finally {
      if (Files.exists(tmp)) {
        FileTrees.delete(tmp);
      }
    }
  }

  private static final String FORK_PREFIX = ".fork-";

  /** Deletes the temporary folders of forks whose process died before renaming them. */
  private static void removeKilledForks(Path root) throws IOException {
    try (var entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        if (!p.getFileName().toString().startsWith(FORK_PREFIX) || !Files.isDirectory(p)) {
          continue;
        }
        try (RunLock lock = RunLock.acquire(p)) {
          FileTrees.delete(p);
        } catch (RunLock.RunBusyException busy) {
          // another process is preparing this fork now
        } catch (IOException gone) {
          // removed by another cleaner meanwhile
        }
      }
    }
  }

  /**
   * Gives the run planned changes of its learning rate and momentum (a schedule file), kept as
   * {@code schedule.csv} beside its files so that a resume plans the rest of them. Written whole,
   * before the run trains.
   */
  public void setSchedule(List<SettingChange> changes) throws IOException {
    Path tmp = dir.resolve(EventsCsv.SCHEDULE + ".tmp");
    try (EventsCsv out = new EventsCsv(tmp)) {
      changes.forEach(out::accept);
      out.sync();
    }
    Files.move(
        tmp,
        dir.resolve(EventsCsv.SCHEDULE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** An existing run's folder, to resume it. */
  public static RunFolder open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a run folder: no such folder");
    }
    if (!Files.exists(dir.resolve("spec.json"))) {
      throw new IllegalArgumentException(dir + " is not a run folder: it has no spec.json");
    }
    return new RunFolder(dir, Json.readSpec(dir.resolve("spec.json")));
  }

  public Path dir() {
    return dir;
  }

  public String id() {
    return dir.getFileName().toString();
  }

  public TrainSpec spec() {
    return spec;
  }

  /**
   * Keeps snapshots of the state in {@code ring} while this run trains (for forks from the window);
   * null: none.
   */
  public void keepSnapshots(SnapshotRing ring) {
    snapshots = ring;
  }

  /**
   * Copies the state into {@code request} at a step end when it has been asked for (the window's
   * activation maps of a running run); null: never.
   */
  public void copyStateOnRequest(StateOnRequest request) {
    onRequest = request;
  }

  /** The ring this run keeps its snapshots in, or null. */
  public SnapshotRing snapshots() {
    return snapshots;
  }

  /** The step the last {@link #resume} continued from. */
  public long resumedFrom() {
    return resumedFrom;
  }

  /** Trains with {@code runner}, writing the files; {@code sink} sees the same events. */
  public RunResult train(Runner runner, TrainingSink sink, BooleanSupplier cancelled)
      throws IOException {
    return train(runner, sink, cancelled, 0);
  }

  /**
   * @param checkpointEvery save weights and optimiser state every so many steps (0: only at the
   *     end), for {@link #resume}
   * @throws RunLock.RunBusyException if another process is writing this run
   */
  public RunResult train(
      Runner runner, TrainingSink sink, BooleanSupplier cancelled, int checkpointEvery)
      throws IOException {
    try (RunLock lock = RunLock.acquire(dir)) {
      return trainLocked(runner, Start.FRESH, checkpointEvery, sink, cancelled);
    }
  }

  /**
   * Continues from the run's latest checkpoint. The checkpoint is read and checked whole first;
   * only then are the files cut back to its step and appended to. Training time, the checkpoint
   * interval (unless {@code checkpointEvery} is given) and the last loss and accuracy continue from
   * it.
   *
   * @param checkpointEvery a new interval, or null to keep the one the run had
   * @throws IllegalArgumentException if the run has no checkpoint or it is damaged (nothing is
   *     changed then), or another process is writing the run
   */
  public RunResult resume(
      Runner runner, TrainingSink sink, BooleanSupplier cancelled, Integer checkpointEvery)
      throws IOException {
    try (RunLock lock = RunLock.acquire(dir)) {
      removeLeftovers();
      Path latest =
          Checkpoint.latest(dir)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "run " + id() + " has no checkpoint to resume from"));
      // the settings in effect when the checkpoint was taken first (SGD's momentum decides which
      // arrays its state has), then the changes made right after it
      long at = Checkpoint.stepOf(latest);
      List<SettingChange> changes = EventsCsv.read(dir.resolve(EventsCsv.FILE), "");
      LiveSettings live = runner.loop().live();
      live.restore(changes.stream().filter(c -> c.step() < at).toList(), runner.loop().optimizer());
      Checkpoint.Loaded loaded = runner.load(latest);
      live.restore(
          changes.stream().filter(c -> c.step() == at).toList(), runner.loop().optimizer());
      long step = loaded.info().start().step();
      CsvFiles.cutAfter(
          List.of(
              dir.resolve("metrics.csv"),
              dir.resolve("layers.csv"),
              dir.resolve("histograms.csv"),
              dir.resolve(EventsCsv.FILE)),
          step);
      runner.restore(loaded);
      resumedFrom = step;
      int every = checkpointEvery != null ? checkpointEvery : loaded.info().every();
      return trainLocked(runner, loaded.info().start(), every, sink, cancelled);
    }
  }

  /**
   * Deletes what a process killed mid-write left: a checkpoint's temporary folder, a file being
   * replaced by rename. Only ever under the run's lock, so no live writer's files are touched.
   */
  private void removeLeftovers() throws IOException {
    List<Path> places = List.of(dir, dir.resolve("checkpoints"));
    for (Path place : places) {
      if (!Files.isDirectory(place)) {
        continue;
      }
      try (var entries = Files.list(place)) {
        for (Path p : entries.toList()) {
          String name = p.getFileName().toString();
          if (name.startsWith(".tmp-") || name.endsWith(".tmp")) {
            FileTrees.delete(p);
          }
        }
      }
    }
  }

  private RunResult trainLocked(
      Runner runner, Start start, int checkpointEvery, TrainingSink sink, BooleanSupplier cancelled)
      throws IOException {
    RunStatus status = RunStatus.running();
    Json.write(dir.resolve("status.json"), status);
    Checkpoints checkpoints = new Checkpoints(runner, checkpointEvery, start);
    try (MetricsCsv steps = new MetricsCsv(dir.resolve("metrics.csv"), 10);
        LayersCsv layers =
            new LayersCsv(
                dir.resolve("layers.csv"), BiasShiftProbe.receivers(runner.loop().network()));
        HistogramsCsv histograms = new HistogramsCsv(dir.resolve("histograms.csv"));
        EventsCsv events = new EventsCsv(dir.resolve(EventsCsv.FILE))) {
      checkpoints.files = List.of(steps::sync, layers::sync, histograms::sync, events::sync);
      planSchedule(runner, start.step());
      // the files first, the caller's sink (the window, the command line) next, checkpoints last:
      // a checkpoint is taken at a step end, once the files hold the step
      RunResult result =
          runner.run(
              start,
              checkpointEvery,
              TrainingSink.all(steps, layers, histograms, events, sink, checkpoints),
              cancelled);
      if (result.status() != RunResult.Status.DIVERGED
          && result.steps() > 0
          && checkpoints.savedAt != result.steps()
          && runner.loop().network().allFinite()) {
        checkpoints.save(result.steps()); // the end, or where it was stopped
      }
      Json.write(
          dir.resolve("status.json"), status.ended(result.status().id(), result.steps(), ""));
      return result;
    } catch (IOException | RuntimeException | Error e) {
      markFailed(status, checkpoints.lastStep, e);
      throw e;
    }
  }

  /**
   * Plans the changes of the run's schedule file that are still to come after {@code from}: those
   * after it, and one at it that {@code events.csv} does not hold yet (a kill came between the
   * checkpoint and the change).
   */
  private void planSchedule(Runner runner, long from) {
    List<SettingChange> done = EventsCsv.read(dir.resolve(EventsCsv.FILE), "");
    runner
        .loop()
        .live()
        .plan(
            EventsCsv.read(dir.resolve(EventsCsv.SCHEDULE), "schedule").stream()
                .filter(c -> c.step() > from || (c.step() == from && !done.contains(c)))
                .toList());
  }

  /**
   * Says "failed" in status.json if that can still be written; the first failure stays the cause.
   */
  private void markFailed(RunStatus status, long step, Throwable cause) {
    try {
      Json.write(dir.resolve("status.json"), status.ended("failed", step, firstLine(cause)));
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e); // e.g. the disk is still full: the run is then listed interrupted
    }
  }

  private static String firstLine(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse("");
  }

  /**
   * Saves a checkpoint every {@code every} steps, after the files hold every row up to that step
   * (forced to the disk), with the training time and the last loss and accuracy reached.
   */
  private final class Checkpoints implements TrainingSink {
    private final Runner runner;
    private final int every;
    private List<Runnable> files = List.of();
    private long lastStep;
    private double seconds;
    private double lastLoss;
    private double lastAcc;
    private long savedAt = -1;

    Checkpoints(Runner runner, int every, Start start) {
      this.runner = runner;
      this.every = every;
      this.lastStep = start.step();
      this.seconds = start.seconds();
      this.lastLoss = start.lastTrainLoss();
      this.lastAcc = start.lastTestAcc();
    }

    @Override
    public void accept(TrainingEvent event) {
      if (event instanceof StepRecord s) {
        lastStep = s.step();
        seconds = s.seconds();
        lastLoss = s.trainLoss();
      } else if (event instanceof EvalRecord e) {
        lastAcc = e.testAcc();
      } else if (event instanceof StepEnd end) {
        if (every > 0 && end.step() % every == 0) {
          try {
            save(end.step());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        StateOnRequest request = onRequest;
        if (request != null && request.asked()) { // one volatile read a step when not asked
          request.offer(
              new Start(end.step(), seconds, lastLoss, lastAcc),
              runner.loop().network(),
              runner.loop().optimizer());
        }
        SnapshotRing ring = snapshots;
        if (ring != null && ring.due(end.step())) {
          ring.offer(
              new Start(end.step(), seconds, lastLoss, lastAcc),
              runner.loop().network(),
              runner.loop().optimizer());
        }
      }
    }

    void save(long step) throws IOException {
      files.forEach(Runnable::run);
      Checkpoint.save(
          dir,
          new Start(step, seconds, lastLoss, lastAcc),
          every,
          runner.loop().network(),
          runner.loop().optimizer());
      savedAt = step;
    }
  }
}
