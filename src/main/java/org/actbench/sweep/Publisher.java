package org.actbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Copies a run trained in a local folder into the store, whole file by whole file, in an order that
 * keeps the store's copy resumable at every moment: the CSVs first (they reach at least to the
 * checkpoint), then the checkpoint, then older checkpoints go, then {@code status.json}, which says
 * "finished" only in the last copy, after everything else is in place. Before each copy it checks
 * that this attempt still owns the run ({@link Claim}); a newer attempt means this one stops.
 *
 * <p>A checkpoint at step c is published once {@code metrics.csv} on disk holds the row of step c
 * (the writer flushes every ten rows), so that a resume from the store's copy leaves no hole.
 */
final class Publisher implements TrainingSink {
  private static final List<String> FILES =
      List.of("spec.json", "meta.json", "metrics.csv", "layers.csv", "histograms.csv");

  private final Store store;
  private final String id;
  private final Path local;
  private final Claim claim;
  private long published = -1;
  private long metricsSize = -1;
  private long metricsStep;

  Publisher(Store store, String id, Path local, Claim claim, long resumedFrom) {
    this.store = store;
    this.id = id;
    this.local = local;
    this.claim = claim;
    this.published = resumedFrom > 0 ? resumedFrom : -1; // the store holds that checkpoint already
  }

  /** The step of the checkpoint last copied in, or -1. */
  long published() {
    return published;
  }

  /** At each step: copies a checkpoint in once the files on disk reach it. */
  @Override
  public void accept(TrainingEvent event) {
    if (!(event instanceof StepRecord)) {
      return;
    }
    try {
      long c = latestCheckpoint();
      if (c > published && flushedThrough() >= c) {
        publish(c);
        claim.beat(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not copy " + id + " to " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  /** After training ended: everything, {@code status.json} last. */
  void finish() throws IOException {
    publish(latestCheckpoint());
  }

  private void publish(long checkpoint) throws IOException {
    claim.check();
    for (String f : FILES) {
      if (Files.exists(local.resolve(f))) {
        store.putFile(local.resolve(f), id + "/" + f);
      }
    }
    String keep = checkpoint >= 0 ? String.format("step-%08d", checkpoint) : null;
    if (keep != null) {
      store.putFolder(local.resolve("checkpoints").resolve(keep), id + "/checkpoints/" + keep);
    }
    for (String name : store.list(id + "/checkpoints")) {
      if (!name.equals(keep) && RunFolders.checkpointStep(name) >= 0) {
        store.delete(id + "/checkpoints/" + name);
      }
    }
    store.putFile(local.resolve("status.json"), id + "/status.json");
    published = checkpoint;
  }

  /** The newest complete checkpoint in the local folder, or -1. */
  private long latestCheckpoint() throws IOException {
    Path dir = local.resolve("checkpoints");
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(d -> Files.exists(d.resolve("checkpoint.properties")))
          .mapToLong(d -> RunFolders.checkpointStep(d.getFileName().toString()))
          .max()
          .orElse(-1);
    }
  }

  /** The last step whose row is complete in metrics.csv on disk (read again only when it grew). */
  private long flushedThrough() throws IOException {
    Path file = local.resolve("metrics.csv");
    long size = Files.exists(file) ? Files.size(file) : 0;
    if (size != metricsSize) {
      metricsSize = size;
      String text = size == 0 ? "" : Files.readString(file);
      int end = text.lastIndexOf('\n');
      int start = end <= 0 ? -1 : text.lastIndexOf('\n', end - 1);
      String last = end <= 0 ? "" : text.substring(start + 1, end);
      try {
        metricsStep = Long.parseLong(last.split(",", 2)[0]);
      } catch (NumberFormatException e) { // the header: no rows yet
        metricsStep = 0;
      }
    }
    return metricsStep;
  }
}
