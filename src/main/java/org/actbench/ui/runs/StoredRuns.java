package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.chart.Series;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.metrics.Histogram;

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

  /** What a stored run's files hold, in the shape of a row's series. */
  record Contents(
      RunData.Curve trainLoss,
      RunData.Curve trainAcc,
      RunData.Curve testLoss,
      RunData.Curve testAcc,
      RunData.Curve networkMedian,
      Map<String, RunData.Curve[]> drift,
      Map<String, RunData.Curve[]> biasShift,
      List<Histogram> histograms,
      String problem) {

    /** Into the row's series (FX thread). */
    void fill(LiveRun r) {
      add(r.trainLoss, trainLoss);
      add(r.trainAcc, trainAcc);
      add(r.testLoss, testLoss);
      add(r.testAcc, testAcc);
      add(r.networkMedian, networkMedian);
      drift.forEach((layer, c) -> r.drift.put(layer, series(c)));
      biasShift.forEach((layer, c) -> r.biasShift.put(layer, series(c)));
      r.histograms = histograms;
      if (problem != null) {
        r.status.set("Damaged (stored): " + problem);
      }
    }

    private static Series[] series(RunData.Curve[] curves) {
      Series[] out = new Series[curves.length];
      for (int i = 0; i < curves.length; i++) {
        out[i] = new Series();
        add(out[i], curves[i]);
      }
      return out;
    }

    private static void add(Series s, RunData.Curve c) {
      for (int i = 0; i < c.size(); i++) {
        s.add(c.steps()[i], c.values()[i]);
      }
    }
  }

  private static final RunData.Curve NONE = new RunData.Curve(new double[0], new double[0]);

  /**
   * Reads a stored run's files (any thread); a damaged file leaves what it holds out and says why.
   */
  static Contents read(RunStore.Entry run) {
    Path dir = run.dir();
    try {
      RunData.Curve[] steps = new RunData.Curve[4];
      String[] names = {"train_loss", "train_acc", "test_loss", "test_acc"};
      for (int i = 0; i < 4; i++) {
        steps[i] =
            Files.exists(dir.resolve("metrics.csv")) ? RunData.curve(dir, names[i], null) : NONE;
      }
      if (!Files.exists(dir.resolve("layers.csv"))) {
        return new Contents(
            steps[0], steps[1], steps[2], steps[3], NONE, Map.of(), Map.of(), List.of(), null);
      }
      RunData.Curve network = RunData.curve(dir, "unit_mean_median", null);
      Map<String, RunData.Curve[]> drift =
          perLayer(dir, "unit_mean_median", "unit_mean_q25", "unit_mean_q75");
      Map<String, RunData.Curve[]> byActivation =
          perLayer(dir, "bias_shift_rho", "natgrad_cosine", "bias_shift_norm_ratio");
      Map<String, RunData.Curve[]> shift =
          new LinkedHashMap<>(); // by receiver, as live runs have it
      Map<String, String> receivers = RunData.receivers(dir);
      byActivation.forEach(
          (layer, c) -> {
            if (c[0].size() > 0 && !receivers.getOrDefault(layer, "").isEmpty()) {
              shift.put(receivers.get(layer), c);
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
          steps[0], steps[1], steps[2], steps[3], network, drift, shift, histograms, null);
    } catch (IllegalArgumentException damaged) {
      return new Contents(
          NONE, NONE, NONE, NONE, NONE, Map.of(), Map.of(), List.of(), damaged.getMessage());
    }
  }

  private static Map<String, RunData.Curve[]> perLayer(Path dir, String... metrics) {
    List<Map<String, RunData.Curve>> each = new ArrayList<>();
    for (String m : metrics) {
      each.add(RunData.layerCurves(dir, m));
    }
    Map<String, RunData.Curve[]> out = new LinkedHashMap<>();
    for (String layer : each.get(0).keySet()) {
      RunData.Curve[] c = new RunData.Curve[metrics.length];
      for (int i = 0; i < metrics.length; i++) {
        c[i] = each.get(i).getOrDefault(layer, NONE);
      }
      out.put(layer, c);
    }
    return out;
  }
}
