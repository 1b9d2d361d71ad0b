package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.BooleanSupplier;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.TrainingListener;
import org.actbench.metrics.BiasShiftProbe;
import org.actbench.metrics.MetricsListener;
import org.actbench.metrics.MetricsListeners;

/**
 * A run's folder: {@code spec.json} and {@code status.json} (whole files, written by rename), and
 * while it trains {@code metrics.csv}, {@code layers.csv} and {@code histograms.csv}, appended and
 * flushed as it goes.
 */
public final class RunFolder {
  private final Path dir;
  private final TrainSpec spec;

  private RunFolder(Path dir, TrainSpec spec) {
    this.dir = dir;
    this.spec = spec;
  }

  /** Creates {@code out/<short name>-<time>[-n]/} with {@code spec.json}. */
  public static RunFolder create(Path out, TrainSpec spec) throws IOException {
    return create(out, spec, java.util.List.of());
  }

  /** The same, with tags in {@code meta.json} (e.g. the preset a run belongs to). */
  public static RunFolder create(Path out, TrainSpec spec, java.util.List<String> tags) throws IOException {
    String id = spec.shortName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = out.resolve(id);
    for (int i = 2; Files.exists(dir); i++) {
      dir = out.resolve(id + "-" + i);
    }
    Files.createDirectories(dir);
    Json.write(dir.resolve("spec.json"), spec);
    Json.write(dir.resolve("status.json"), new RunStatus("queued", 0, "", "", "", 0, ""));
    if (!tags.isEmpty()) {
      Json.write(dir.resolve("meta.json"), new RunStore.RunMeta("", tags));
    }
    return new RunFolder(dir, spec);
  }

  /** An existing run's folder, to resume it. */
  public static RunFolder open(Path dir) {
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

  /** Trains with {@code runner}, writing the files; extra listeners see the same records. */
  public RunResult train(
      Runner runner, TrainingListener listener, MetricsListener metrics, BooleanSupplier cancelled)
      throws IOException {
    return train(runner, listener, metrics, cancelled, 0);
  }

  /**
   * Continues from the run's latest checkpoint: the files are cut back to it and appended to.
   *
   * @return the run's result; the step resumed from is in {@link #resumedFrom}
   */
  public RunResult resume(Runner runner, TrainingListener listener, MetricsListener metrics,
      BooleanSupplier cancelled, int checkpointEvery) throws IOException {
    Path checkpoint = org.actbench.engine.train.Checkpoint.latest(dir)
        .orElseThrow(() -> new IllegalArgumentException(dir + " has no checkpoint to resume from"));
    resumedFrom = runner.resume(checkpoint);
    for (String f : new String[] {"metrics.csv", "layers.csv", "histograms.csv"}) {
      CsvFiles.truncateAfter(dir.resolve(f), resumedFrom);
    }
    return train(runner, listener, metrics, cancelled, checkpointEvery);
  }

  private long resumedFrom;

  public long resumedFrom() {
    return resumedFrom;
  }

  /**
   * @param checkpointEvery save weights and optimiser state every so many steps (0: only at the
   *     end), for {@link #resume}
   */
  public RunResult train(Runner runner, TrainingListener listener, MetricsListener metrics,
      BooleanSupplier cancelled, int checkpointEvery) throws IOException {
    long[] savedAt = {-1};
    TrainingListener checkpoints = new TrainingListener() {
      @Override
      public void onStep(org.actbench.engine.train.StepRecord s) {
        if (checkpointEvery > 0 && s.step() % checkpointEvery == 0) {
          try {
            org.actbench.engine.train.Checkpoint.save(dir, s.step(), runner.loop().network(), runner.loop().optimizer());
            savedAt[0] = s.step();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    };
    listener = TrainingListener.all(checkpoints, listener);
    RunStatus status = RunStatus.running();
    Json.write(dir.resolve("status.json"), status);
    RunResult result;
    try (MetricsCsv steps = new MetricsCsv(dir.resolve("metrics.csv"), 10);
        LayersCsv layers =
            new LayersCsv(dir.resolve("layers.csv"), BiasShiftProbe.receivers(runner.loop().network()));
        HistogramsCsv histograms = new HistogramsCsv(dir.resolve("histograms.csv"))) {
      result =
          runner.run(
              TrainingListener.all(steps, layers, listener),
              MetricsListeners.of(layers, histograms, metrics),
              cancelled);
    } catch (RuntimeException | Error e) {
      Json.write(dir.resolve("status.json"), status.ended("failed", 0, String.valueOf(e.getMessage())));
      throw e;
    }
    // NaN weights are no checkpoint; the last step may have been saved already
    if (result.status() != RunResult.Status.DIVERGED && result.steps() > 0 && savedAt[0] != result.steps()) {
      org.actbench.engine.train.Checkpoint.save(dir, result.steps(), runner.loop().network(), runner.loop().optimizer());
    }
    Json.write(dir.resolve("status.json"), status.ended(result.status().id(), result.steps(), ""));
    return result;
  }

  public TrainSpec spec() {
    return spec;
  }
}
