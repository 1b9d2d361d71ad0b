package org.actbench.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.actbench.data.DatasetLocator;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunQueue;

/**
 * The sweep on this machine: the window's run queue, {@code parallel} runs at once, each writing
 * straight into the store. Finished and diverged runs are skipped, interrupted ones resume from
 * their last checkpoint, and ones without a checkpoint start again.
 */
public final class LocalEngine {
  private LocalEngine() {}

  public static List<RunOutcome> run(
      Sweep sweep, Path store, int parallel, DatasetLocator locator, Consumer<String> log)
      throws IOException, InterruptedException {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
    }
    Datasets datasets = new Datasets(locator);
    sweep.runs().stream()
        .map(r -> r.spec().data())
        .distinct()
        .forEach(datasets::read); // before any folder
    try {
      Files.createDirectories(store);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--store "
              + store
              + ": cannot make the store folder there ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    Map<String, RunFolders.State> states = RunFolders.load(store);
    Map<SweepRun, RunOutcome> outcomes = new LinkedHashMap<>();
    Map<SweepRun, RunQueue.Run> queued = new LinkedHashMap<>();
    Map<SweepRun, Long> resumedFrom = new LinkedHashMap<>();
    try (RunQueue queue = RunFolders.queue(store, datasets.cacheDir(), datasets::read, parallel)) {
      for (SweepRun run : sweep.runs()) {
        RunFolders.State state = states.getOrDefault(run.id(), RunFolders.State.ABSENT);
        if (state.isResult() || state == RunFolders.State.RUNNING) {
          outcomes.put(
              run,
              new RunOutcome(run.id(), state.isResult() ? "skipped" : "running", 0, 0, 0, "", ""));
          continue;
        }
        Path dir = store.resolve(run.id());
        boolean resume = state != RunFolders.State.ABSENT && RunFolders.hasCheckpoint(dir);
        if (state != RunFolders.State.ABSENT && !resume) {
          RunFolders.discard(dir); // nothing to resume from: start it cleanly
        }
        RunFolder folder =
            resume ? RunFolders.open(dir) : RunFolders.create(store, run, List.of(sweep.tag()));
        resumedFrom.put(run, resume ? RunFolders.latestCheckpoint(dir) : 0L);
        queued.put(
            run, RunFolders.submit(queue, folder, resume, sweep.checkpointEvery(run.spec())));
        outcomes.put(run, null);
      }
      log.accept(
          String.format(
              "sweep=%s runs=%d to_run=%d already_done=%d parallel=%d store=%s",
              sweep.name(),
              sweep.runs().size(),
              queued.size(),
              sweep.runs().size() - queued.size(),
              parallel,
              store));
      List<SweepRun> waiting = new ArrayList<>(queued.keySet());
      while (!waiting.isEmpty()) {
        Thread.sleep(200);
        for (var it = waiting.iterator(); it.hasNext(); ) {
          SweepRun run = it.next();
          RunQueue.Run r = queued.get(run);
          if (r.state().isDone()) {
            it.remove();
            RunOutcome o =
                new RunOutcome(
                    run.id(),
                    r.state().name().toLowerCase(Locale.ROOT),
                    resumedFrom.get(run),
                    r.elapsedSeconds(),
                    r.elapsedSeconds(),
                    ProcessHandle.current().pid() + "@" + Claim.host(),
                    r.state() == RunQueue.State.FAILED ? r.message() : "");
            outcomes.put(run, o);
            log.accept(line(o));
          }
        }
      }
    }
    return List.copyOf(outcomes.values());
  }

  static String line(RunOutcome o) {
    return String.format(
        Locale.ROOT,
        "run=%s status=%s resumed_from=%d seconds=%.1f train_seconds=%.1f host=%s%s",
        o.run(),
        o.outcome(),
        o.resumedFrom(),
        o.seconds(),
        o.trainSeconds(),
        o.host(),
        o.message().isEmpty() ? "" : " error=" + o.message());
  }
}
