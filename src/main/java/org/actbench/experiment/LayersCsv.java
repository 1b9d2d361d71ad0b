package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.TrainingListener;
import org.actbench.metrics.BiasShiftRecord;
import org.actbench.metrics.DriftRecord;
import org.actbench.metrics.LayerDrift;
import org.actbench.metrics.MetricsListener;

/**
 * Appends {@code layers.csv}: per logged step one row per activation layer, its unit-mean drift and,
 * at probe steps, the bias shift it causes in the layer that receives it ({@code receiver}). Flushed
 * at every logged step, so a crash loses at most one logging interval.
 */
public final class LayersCsv implements MetricsListener, TrainingListener, AutoCloseable {
  public static final String HEADER =
      "step,layer,receiver,unit_mean_median,unit_mean_q25,unit_mean_q75,unit_mean_min,unit_mean_max,"
          + "abs_unit_mean,frac_abs_gt_0_1,dead_frac,saturated_frac,bias_shift_rho,natgrad_cosine,"
          + "bias_shift_norm_ratio,mu_norm,input_mean,input_var,output_mean,output_var";
  private final AppendFile out;
  private final Map<String, String> receivers;
  private DriftRecord pending;
  private final Map<String, BiasShiftRecord> shifts = new HashMap<>();

  /** @param receivers activation layer → the layer receiving its units */
  public LayersCsv(Path file, Map<String, String> receivers) throws IOException {
    this.out = CsvFiles.openForAppend(file, HEADER);
    this.receivers = Map.copyOf(receivers);
  }

  @Override
  public void onDrift(DriftRecord drift) {
    writePending();
    if (drift.logged()) {
      pending = drift;
    }
  }

  @Override
  public void onBiasShift(List<BiasShiftRecord> layers) {
    for (BiasShiftRecord r : layers) {
      shifts.put(r.layer(), r);
    }
  }

  @Override
  public void onFinish(RunResult result) {
    writePending();
  }

  private void writePending() {
    if (pending == null) {
      return;
    }
    for (LayerDrift d : pending.layers()) {
      String receiver = receivers.getOrDefault(d.layer(), "");
      BiasShiftRecord b = shifts.get(receiver);
      boolean probed = b != null && b.step() == pending.step();
      out.record(
          Long.toString(pending.step()), d.layer(), receiver, fmt(d.median()), fmt(d.q25()),
          fmt(d.q75()), fmt(d.min()), fmt(d.max()), fmt(d.absMean()), fmt(d.fracAbsGt01()),
          fmt(d.deadFrac()), fmt(d.saturatedFrac()),
          probed ? fmt(b.rho()) : "", probed ? fmt(b.cosine()) : "",
          probed ? fmt(b.shiftRatio()) : "", probed ? fmt(b.muNorm()) : "",
          fmt(d.input().mean()), fmt(d.input().variance()), fmt(d.output().mean()),
          fmt(d.output().variance()));
    }
    out.flush();
    pending = null;
  }

  /** Writes the pending step's rows and forces the file to the disk (before a checkpoint). */
  void sync() {
    writePending();
    out.sync();
  }

  private static String fmt(double v) {
    return MetricsCsv.fmt(v);
  }

  @Override
  public void close() throws IOException {
    writePending();
    out.close();
  }
}
