package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.actbench.engine.train.BiasShift;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.LayerDrift;
import org.actbench.engine.train.MeasureCost;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Appends {@code layers.csv}: per logged step one row per activation layer, its unit-mean drift
 * and, at probe steps, the bias shift it causes in the layer that receives it ({@code receiver}).
 * Flushed at every logged step, so a crash loses at most one logging interval.
 */
public final class LayersCsv implements TrainingSink, AutoCloseable {
  public static final String HEADER =
      "step,layer,receiver,unit_mean_median,unit_mean_q25,unit_mean_q75,unit_mean_min,unit_mean_max,"
          + "abs_unit_mean,frac_abs_gt_0_1,dead_frac,saturated_frac,bias_shift_rho,natgrad_cosine,"
          + "bias_shift_norm_ratio,mu_norm,input_mean,input_var,output_mean,output_var,"
          + "taken_rho,taken_mean_ratio,log_every,probe_every,measure_overhead";
  private final AppendFile out;
  private final Map<String, String> receivers;
  private DriftRecord pending;
  private final Map<String, BiasShiftRecord> shifts = new HashMap<>();
  private MeasureCost cost; // the pending step's: intervals in use and the overhead so far

  /**
   * @param receivers activation layer → the layer receiving its units
   */
  public LayersCsv(Path file, Map<String, String> receivers) throws IOException {
    this.out = CsvFiles.openForAppend(file, HEADER);
    this.receivers = Map.copyOf(receivers);
  }

  /** Drift and bias shift; the end writes the last logged step. */
  @Override
  public void accept(TrainingEvent event) {
    if (event instanceof DriftRecord drift) {
      writePending();
      if (drift.logged()) {
        pending = drift;
      }
    } else if (event instanceof BiasShift shift) {
      for (BiasShiftRecord r : shift.layers()) {
        shifts.put(r.layer(), r);
      }
    } else if (event instanceof MeasureCost c && pending != null && c.step() == pending.step()) {
      cost = c;
    } else if (event instanceof RunResult) {
      writePending();
    }
  }

  private void writePending() {
    if (pending == null) {
      return;
    }
    boolean costed = cost != null && cost.step() == pending.step();
    for (LayerDrift d : pending.layers()) {
      String receiver = receivers.getOrDefault(d.layer(), "");
      BiasShiftRecord b = shifts.get(receiver);
      boolean probed = b != null && b.step() == pending.step();
      out.record(
          Long.toString(pending.step()),
          d.layer(),
          receiver,
          fmt(d.median()),
          fmt(d.q25()),
          fmt(d.q75()),
          fmt(d.min()),
          fmt(d.max()),
          fmt(d.absMean()),
          fmt(d.fracAbsGt01()),
          fmt(d.deadFrac()),
          fmt(d.saturatedFrac()),
          probed ? fmt(b.rho()) : "",
          probed ? fmt(b.cosine()) : "",
          probed ? fmt(b.shiftRatio()) : "",
          probed ? fmt(b.muNorm()) : "",
          fmt(d.input().mean()),
          fmt(d.input().variance()),
          fmt(d.output().mean()),
          fmt(d.output().variance()),
          probed ? fmt(b.takenRho()) : "",
          probed ? fmt(b.takenMeanRatio()) : "",
          costed ? Integer.toString(cost.logEvery()) : "",
          costed ? Integer.toString(cost.probeEvery()) : "",
          costed ? fmt(cost.overheadPercent() / 100) : "");
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
