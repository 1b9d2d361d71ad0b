package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.actbench.data.Cifar10;
import org.actbench.data.FileTrees;
import org.actbench.data.Progress;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;

/**
 * The one place where the sweep meets {@code experiment}'s run folders, store and queue. What it
 * relies on: a run folder holds {@code spec.json}, {@code status.json} (whole, written last when a
 * run ends), the appended CSVs and {@code checkpoints/step-N/} (whole or absent); a resumed run
 * cuts its CSVs back to the checkpoint and continues as if never stopped.
 */
final class RunFolders {
  private RunFolders() {}

  /** Where a run of the sweep stands in the store, by its status.json. */
  enum State {
    /** no folder */
    ABSENT,
    /** finished: a result */
    FINISHED,
    /** diverged: a result too, never retried */
    DIVERGED,
    /** an exception ended it (bad data, a full disk) */
    FAILED,
    /** a process is training it now */
    RUNNING,
    /** started, not ended (killed, stopped, or a copy taken at a checkpoint) */
    INTERRUPTED;

    boolean isResult() {
      return this == FINISHED || this == DIVERGED;
    }
  }

  /** The state that a status.json's text says; damaged or unknown text is interrupted. */
  static State stateOf(String statusJson) {
    String state;
    try {
      state = Sweep.MAPPER.readTree(statusJson).path("state").asText("");
    } catch (JsonProcessingException e) {
      return State.INTERRUPTED;
    }
    return switch (state) {
      case "finished" -> State.FINISHED;
      case "diverged" -> State.DIVERGED;
      case "failed" -> State.FAILED;
      default -> State.INTERRUPTED;
    };
  }

  /**
   * Every run folder in a local store by id, with the store's own judgement (a live "running" is
   * running).
   */
  static Map<String, State> load(Path store) throws IOException {
    return RunStore.load(store).stream()
        .collect(
            Collectors.toMap(
                RunStore.Entry::id,
                e ->
                    switch (e.state()) {
                      case "finished" -> State.FINISHED;
                      case "diverged" -> State.DIVERGED;
                      case "failed" -> State.FAILED;
                      case "running" -> State.RUNNING;
                      default -> State.INTERRUPTED;
                    }));
  }

  /**
   * Makes {@code parent/<run id>/} with spec.json and the sweep's tag, or fails if it is there. The
   * folder is made under its own name first and then renamed to the run's id.
   */
  static RunFolder create(Path parent, SweepRun run, List<String> tags) throws IOException {
    Path target = parent.resolve(run.id());
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path scratch = Files.createTempDirectory(Files.createDirectories(parent), ".new-" + run.id());
    try {
      RunFolder made = RunFolder.create(scratch, run.spec(), tags);
      Files.move(made.dir(), target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileTrees.delete(scratch);
    }
    return RunFolder.open(target);
  }

  static RunFolder open(Path dir) {
    return RunFolder.open(dir);
  }

  static boolean hasCheckpoint(Path dir) throws IOException {
    return Checkpoint.latest(dir).isPresent();
  }

  /** The step of a run folder's newest checkpoint, or 0. */
  static long latestCheckpoint(Path dir) throws IOException {
    return Checkpoint.latest(dir).map(p -> checkpointStep(p.getFileName().toString())).orElse(0L);
  }

  /** The step of a checkpoint folder {@code step-NNNNNNNN}, or -1. */
  static long checkpointStep(String name) {
    return name.matches("step-\\d+") ? Long.parseLong(name.substring(5)) : -1;
  }

  /** Removes a run that cannot be resumed (no checkpoint yet), so that it starts cleanly. */
  static void discard(Path dir) {
    FileTrees.delete(dir);
  }

  /** A training outcome and where it resumed from (0: from the start). */
  record Outcome(RunResult result, long resumedFrom) {}

  /**
   * Trains or resumes a folder on this thread, checkpointing every {@code checkpointEvery} steps.
   */
  static Outcome train(
      RunFolder folder,
      Cifar10 data,
      Path cacheDir,
      boolean resume,
      int checkpointEvery,
      TrainingSink sink,
      BooleanSupplier cancelled)
      throws IOException {
    Runner runner = new Runner(folder.spec(), data, cacheDir, Progress.NONE);
    RunResult result =
        resume
            ? folder.resume(runner, sink, cancelled, checkpointEvery)
            : folder.train(runner, sink, cancelled, checkpointEvery);
    return new Outcome(result, resume ? folder.resumedFrom() : 0);
  }

  /** The local engine's queue: {@code parallel} runs at once, at normal priority. */
  static RunQueue queue(
      Path store, Path cacheDir, Function<String, Cifar10> datasets, int parallel) {
    return new RunQueue(store, cacheDir, datasets, parallel, false);
  }

  static RunQueue.Run submit(
      RunQueue queue, RunFolder folder, boolean resume, int checkpointEvery) {
    return queue.submit(folder, resume, checkpointEvery, TrainingSink.NONE);
  }
}
