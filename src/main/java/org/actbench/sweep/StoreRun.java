package org.actbench.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.actbench.data.Cifar10;
import org.actbench.data.FileTrees;
import org.actbench.engine.train.RunResult;
import org.actbench.experiment.RunFolder;

/**
 * One run of a sweep trained on this machine for a store somewhere else: in a local folder, copied
 * into the store at every checkpoint and at the end ({@link Publisher}). A run the store holds as a
 * result is skipped; one it holds with a checkpoint is copied here and resumed from it; one without
 * starts from the beginning.
 */
final class StoreRun {
  private StoreRun() {}

  static RunOutcome run(
      Store store,
      SweepRun run,
      List<String> tags,
      int checkpointEvery,
      Cifar10 data,
      Path cacheDir,
      int sparkAttempt)
      throws IOException {
    long t0 = System.nanoTime();
    String status = store.read(run.id() + "/status.json").orElse(null);
    if (status != null && RunFolders.stateOf(status).isResult()) {
      return new RunOutcome(run.id(), "skipped", 0, seconds(t0), 0, "", "");
    }
    Claim claim = Claim.take(store, run.id(), sparkAttempt);
    Path work = Files.createTempDirectory("actbench-sweep-");
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "actbench-sweep-heartbeat");
              t.setDaemon(true);
              return t;
            });
    Publisher publisher = null;
    long trainStart = 0;
    try {
      Path local = work.resolve(run.id());
      boolean resume =
          store.list(run.id() + "/checkpoints").stream()
              .anyMatch(n -> RunFolders.checkpointStep(n) >= 0);
      RunFolder folder;
      if (resume) {
        store.getFolder(run.id(), local);
        folder = RunFolders.open(local);
      } else {
        folder = RunFolders.create(work, run, tags);
      }
      long from = resume ? latestStep(store, run.id()) : 0;
      claim.resumedFrom(from);
      Publisher p = new Publisher(store, run.id(), local, claim, from);
      publisher = p;
      heartbeat.scheduleAtFixedRate(
          () -> {
            try {
              claim.beat(p.published());
            } catch (IOException | RuntimeException e) {
              // the next one, or the next publish, tells
            }
          },
          30,
          30,
          TimeUnit.SECONDS);
      trainStart = System.nanoTime();
      RunFolders.Outcome outcome =
          RunFolders.train(
              folder,
              data,
              cacheDir,
              resume,
              checkpointEvery,
              p,
              () -> Thread.currentThread().isInterrupted());
      double trained = seconds(trainStart);
      p.finish();
      String id =
          outcome.result().status() == RunResult.Status.CANCELLED
              ? "failed"
              : outcome.result().status().id();
      claim.end(id, outcome.result().steps(), seconds(t0));
      return new RunOutcome(
          run.id(), id, outcome.resumedFrom(), seconds(t0), trained, hostOf(), "");
    } catch (Claim.Lost e) {
      claim.end("lost", -1, seconds(t0));
      return new RunOutcome(run.id(), "lost", 0, seconds(t0), 0, hostOf(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      try {
        if (publisher != null) {
          publisher.finish(); // the store shows it failed, and why
        }
        claim.end("failed", -1, seconds(t0));
      } catch (IOException | RuntimeException again) {
        why += "; and then: " + again.getMessage();
      }
      return new RunOutcome(
          run.id(),
          "failed",
          0,
          seconds(t0),
          trainStart == 0 ? 0 : seconds(trainStart),
          hostOf(),
          why);
    } finally {
      heartbeat.shutdownNow();
      FileTrees.delete(work);
    }
  }

  private static long latestStep(Store store, String id) throws IOException {
    return store.list(id + "/checkpoints").stream()
        .mapToLong(RunFolders::checkpointStep)
        .max()
        .orElse(0);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String hostOf() {
    return ProcessHandle.current().pid() + "@" + Claim.host();
  }
}
