package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.actbench.engine.train.LayerDrift;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;

/**
 * What runs measured at an activation layer, for the explorer: the moments of its inputs x and
 * outputs f(x) at the latest logged step of the selected (else the latest) run of this window with
 * that activation, else of the newest stored run with it.
 */
public final class Measurements {
  private final Path store;
  private final Supplier<List<LiveRun>> candidates;
  private final Executor reader;
  private final Executor fx;
  private Map<String, List<RunData.LayerMoments>> storedMoments = Map.of();
  private Map<String, RunStore.Entry> storedRuns = Map.of();

  /**
   * What a run measured at one activation layer.
   *
   * @param activation the activation as the run used it, e.g. {@code ELU (α=1.0)}
   */
  public record Measured(
      String run,
      String activation,
      long step,
      String layer,
      LayerDrift.Moments input,
      LayerDrift.Moments output) {}

  /**
   * @param candidates the rows to look in, best first (FX thread)
   * @param reader reads the store (not the FX thread)
   * @param fx hands what was read to the FX thread
   */
  Measurements(Path store, Supplier<List<LiveRun>> candidates, Executor reader, Executor fx) {
    this.store = store;
    this.candidates = candidates;
    this.reader = reader;
    this.fx = fx;
  }

  /**
   * The moments of the {@code layer}-th activation layer (from 1; the last if the run has fewer) of
   * the best run with this activation; null if there is none yet (FX thread).
   */
  public Measured measured(String activationId, int layer) {
    for (LiveRun r : candidates.get()) {
      if (r.spec().activation().id().equals(activationId) && !r.lastMoments.isEmpty()) {
        List<LayerDrift> layers = new ArrayList<>(r.lastMoments.values());
        LayerDrift d = layers.get(Math.min(layer, layers.size()) - 1);
        return new Measured(
            r.label(),
            r.spec().activation().label(),
            r.lastMomentsStep,
            d.layer(),
            d.input(),
            d.output());
      }
    }
    List<RunData.LayerMoments> saved = storedMoments.get(activationId);
    if (saved != null) {
      RunData.LayerMoments d = saved.get(Math.min(layer, saved.size()) - 1);
      RunStore.Entry e = storedRuns.get(activationId);
      return new Measured(
          e.displayName() + " (stored)",
          e.spec().activation().label(),
          d.step(),
          d.layer(),
          new LayerDrift.Moments(d.inputMean(), d.inputVariance()),
          new LayerDrift.Moments(d.outputMean(), d.outputVariance()));
    }
    return null;
  }

  /**
   * Reads the run store again, off the FX thread: per activation, the stored run whose layers.csv
   * changed last and has moments. Damaged runs are passed over. {@code whenRead} runs on the FX
   * thread once they are in.
   */
  public void refreshStored(Runnable whenRead) {
    reader.execute(
        () -> {
          Map<String, List<RunData.LayerMoments>> moments = new HashMap<>();
          Map<String, RunStore.Entry> runs = new HashMap<>();
          read(moments, runs);
          fx.execute(
              () -> {
                storedMoments = moments;
                storedRuns = runs;
                whenRead.run();
              });
        });
  }

  private void read(
      Map<String, List<RunData.LayerMoments>> moments, Map<String, RunStore.Entry> runs) {
    Map<String, RunStore.Entry> newest = new HashMap<>();
    Map<String, Long> when = new HashMap<>();
    try {
      for (RunStore.Entry e : RunStore.load(store)) {
        Path layers = e.dir().resolve("layers.csv");
        if (!e.usable() || !Files.exists(layers)) {
          continue;
        }
        long modified = Files.getLastModifiedTime(layers).toMillis();
        String id = e.spec().activation().id();
        if (modified > when.getOrDefault(id, Long.MIN_VALUE)) {
          newest.put(id, e);
          when.put(id, modified);
        }
      }
    } catch (IOException e) {
      return; // no store yet, or unreadable: the explorer shows what this window measured
    }
    newest.forEach(
        (id, e) -> {
          try {
            List<RunData.LayerMoments> m = RunData.lastLayerMoments(e.dir());
            if (!m.isEmpty()) {
              moments.put(id, m);
              runs.put(id, e);
            }
          } catch (IllegalArgumentException damaged) {
            // named in the Compare tab; nothing to show here
          }
        });
  }
}
