package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.chart.Series;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.SettingChange;
import org.actbench.experiment.EventsCsv;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;

/**
 * The run store as the Runs tab shows it: the stored runs (read off the FX thread at start-up), and
 * a stored run's files, read when the run is first shown and handed to its row through its inbox.
 */
final class StoredRuns {
  private StoredRuns() {}

  /** The store's runs that have a readable spec, damaged ones included (their state says so). */
  static List<RunStore.Entry> list(Path store) throws IOException {
    return RunStore.load(store).stream().filter(e -> e.spec() != null).toList();
  }

  /**
   * What a stored run's files hold, in the shape of a row's series (built on the reading thread,
   * handed over through the row's inbox, which orders memory).
   */
  record Contents(
      Series trainLoss,
      Series trainAcc,
      Series testLoss,
      Series testAcc,
      Series networkMedian,
      Map<String, LiveRun.DriftSeries> drift,
      Map<String, LiveRun.BiasSeries> biasShift,
      List<Histogram> histograms,
      String problem) {

    /** Into the row (FX thread). */
    void fill(LiveRun r) {
      add(r.trainLoss, trainLoss);
      add(r.trainAcc, trainAcc);
      add(r.testLoss, testLoss);
      add(r.testAcc, testAcc);
      add(r.networkMedian, networkMedian);
      r.drift.putAll(drift);
      r.biasShift.putAll(biasShift);
      r.histograms = histograms;
      if (problem != null) {
        r.status.set("Damaged (stored): " + problem);
      }
    }

    private static void add(Series into, Series from) {
      for (int i = 0; i < from.size(); i++) {
        into.add(from.x(i), from.y(i));
      }
    }
  }

  private static double at(Series s, int i) {
    return i < s.size() ? s.y(i) : Double.NaN;
  }

  private static Series series(RunData.Curve c) {
    Series s = new Series();
    for (int i = 0; i < c.size(); i++) {
      s.add(c.steps()[i], c.values()[i]);
    }
    return s;
  }

  private static final RunData.Curve NONE = new RunData.Curve(new double[0], new double[0]);

  /** The runs of a store, or none if it cannot be read (any thread). */
  static List<RunStore.Entry> listOrNone(Path store) {
    try {
      return RunStore.load(store);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** A stored run's live changes (any thread); none if its events.csv is missing or damaged. */
  static List<SettingChange> changes(RunStore.Entry run) {
    try {
      return EventsCsv.read(run.dir().resolve(EventsCsv.FILE), "");
    } catch (IllegalArgumentException damaged) {
      return List.of(); // markers only: the curves are what the row says is damaged, if anything
    }
  }

  /**
   * Reads a stored run's files (any thread); a damaged file leaves what it holds out and says why.
   */
  static Contents read(RunStore.Entry run) {
    Path dir = run.dir();
    try {
      boolean metrics = Files.exists(dir.resolve("metrics.csv"));
      Series trainLoss = series(metrics ? RunData.curve(dir, "train_loss", null) : NONE);
      Series trainAcc = series(metrics ? RunData.curve(dir, "train_acc", null) : NONE);
      Series testLoss = series(metrics ? RunData.curve(dir, "test_loss", null) : NONE);
      Series testAcc = series(metrics ? RunData.curve(dir, "test_acc", null) : NONE);
      if (!Files.exists(dir.resolve("layers.csv"))) {
        return new Contents(
            trainLoss,
            trainAcc,
            testLoss,
            testAcc,
            new Series(),
            Map.of(),
            Map.of(),
            List.of(),
            null);
      }
      Series network = series(RunData.curve(dir, "unit_mean_median", null));
      Map<String, RunData.Curve> median = RunData.layerCurves(dir, "unit_mean_median");
      Map<String, RunData.Curve> q25 = RunData.layerCurves(dir, "unit_mean_q25");
      Map<String, RunData.Curve> q75 = RunData.layerCurves(dir, "unit_mean_q75");
      Map<String, LiveRun.DriftSeries> drift = new LinkedHashMap<>();
      median.forEach(
          (layer, c) ->
              drift.put(
                  layer,
                  new LiveRun.DriftSeries(
                      series(c),
                      series(q25.getOrDefault(layer, NONE)),
                      series(q75.getOrDefault(layer, NONE)))));
      Map<String, RunData.Curve> rho = RunData.layerCurves(dir, "bias_shift_rho");
      Map<String, RunData.Curve> cosine = RunData.layerCurves(dir, "natgrad_cosine");
      Map<String, RunData.Curve> ratio = RunData.layerCurves(dir, "bias_shift_norm_ratio");
      Map<String, RunData.Curve> mu = RunData.layerCurves(dir, "mu_norm");
      Map<String, LiveRun.BiasSeries> shift = new LinkedHashMap<>(); // by receiver, as live runs
      Map<String, String> receivers = RunData.receivers(dir);
      rho.forEach(
          (layer, c) -> {
            if (c.size() > 0 && !receivers.getOrDefault(layer, "").isEmpty()) {
              LiveRun.BiasSeries b = new LiveRun.BiasSeries();
              Series cos = series(cosine.getOrDefault(layer, NONE));
              Series rat = series(ratio.getOrDefault(layer, NONE));
              Series m = series(mu.getOrDefault(layer, NONE));
              Series r = series(c);
              for (int i = 0; i < r.size(); i++) { // the files' rows share their probe steps
                b.add(r.x(i), r.y(i), at(cos, i), at(rat, i), at(m, i));
              }
              shift.put(receivers.get(layer), b);
            }
          });
      List<Histogram> histograms = new ArrayList<>();
      if (Files.exists(dir.resolve("histograms.csv"))) {
        for (String layer : drift.keySet()) {
          RunData.StoredHistogram h = RunData.lastHistogram(dir, layer);
          if (h != null) {
            histograms.add(new Histogram(h.step(), h.layer(), h.lo(), h.hi(), h.counts()));
          }
        }
      }
      return new Contents(
          trainLoss, trainAcc, testLoss, testAcc, network, drift, shift, histograms, null);
    } catch (IllegalArgumentException damaged) {
      return new Contents(
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          Map.of(),
          Map.of(),
          List.of(),
          damaged.getMessage());
    }
  }
}
