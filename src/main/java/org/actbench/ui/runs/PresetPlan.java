package org.actbench.ui.runs;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.actbench.experiment.NetworkFamily;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunTime;
import org.actbench.experiment.TrainSpec;

/**
 * What a paper preset will queue, said before it is queued: the runs, how long they will take (from
 * a step time measured on this machine) and how the setup differs from the paper's.
 */
final class PresetPlan {
  private final Preset preset;
  private final List<TrainSpec> specs;
  private final int seeds;
  private final int atOnce;

  PresetPlan(Preset preset, String data, int seeds, int atOnce) {
    this.preset = preset;
    this.seeds = seeds;
    this.atOnce = atOnce;
    this.specs = preset.specs(data, seeds, preset.defaultSteps());
  }

  Preset preset() {
    return preset;
  }

  List<TrainSpec> specs() {
    return specs;
  }

  /**
   * E.g. "16 runs: elu, relu, lrelu, srelu; depth 8; seeds 1..4; 500 steps of batch 64 each; 2 at
   * once."
   */
  String summary() {
    String acts =
        specs.stream().map(s -> s.activation().id()).distinct().collect(Collectors.joining(", "));
    String depths =
        specs.stream()
            .map(
                s ->
                    s.family() == NetworkFamily.PLAIN
                        ? Integer.toString(s.depth())
                        : s.family().id())
            .distinct()
            .collect(Collectors.joining(", "));
    String bn =
        specs.stream().map(TrainSpec::batchNorm).distinct().count() > 1
            ? "; with and without batch norm"
            : "";
    TrainSpec first = specs.get(0);
    return String.format(
        Locale.ROOT,
        "%d runs: %s; depth %s%s; seed%s %s; %d steps of batch %d each; %d at once.",
        specs.size(),
        acts,
        depths,
        bn,
        seeds == 1 ? "" : "s",
        seeds == 1 ? "1" : "1.." + seeds,
        first.steps(),
        first.batch(),
        atOnce);
  }

  /** The runs' names, one line each. */
  String runs() {
    return specs.stream().map(TrainSpec::shortName).collect(Collectors.joining("\n"));
  }

  String differences() {
    return preset.differences(seeds, preset.defaultSteps());
  }

  /**
   * The runs that time alike: one per activation and network (seeds and data change nothing), each
   * the first of its kind, in order.
   */
  List<TrainSpec> kinds() {
    java.util.Map<String, TrainSpec> kinds = new java.util.LinkedHashMap<>();
    for (TrainSpec s : specs) {
      kinds.putIfAbsent(kind(s), s);
    }
    return List.copyOf(kinds.values());
  }

  /** What a run's time depends on: its activation and network. */
  static String kind(TrainSpec s) {
    return s.activation().id()
        + "/"
        + s.family()
        + "/"
        + s.depth()
        + "/"
        + s.width()
        + "/"
        + s.batchNorm();
  }

  /**
   * How long it takes, from each kind's measured step and evaluation time ({@link #kinds} order),
   * on data with this many test images.
   */
  String duration(List<RunTime> times, int testImages) {
    java.util.Map<String, RunTime> byKind = new java.util.HashMap<>();
    List<TrainSpec> kinds = kinds();
    for (int i = 0; i < kinds.size(); i++) {
      byKind.put(kind(kinds.get(i)), times.get(i));
    }
    List<Double> each =
        specs.stream().map(s -> byKind.get(kind(s)).seconds(s, testImages)).toList();
    double total = RunTime.queued(each, atOnce);
    double step = times.stream().mapToDouble(RunTime::stepSeconds).average().orElse(Double.NaN);
    double eval =
        testImages
            * times.stream().mapToDouble(RunTime::evalSecondsPerImage).average().orElse(Double.NaN);
    TrainSpec first = specs.get(0);
    int evaluations = (int) Math.ceil((double) first.steps() / first.evalEvery());
    return String.format(
        Locale.ROOT,
        "About %s on this machine: a step takes %.0f ms and an evaluation of the %,d test images"
            + " %.1f s on average (measured just now, with the threads each run gets); %d"
            + " evaluations per run.",
        Durations.roughly(total),
        1000 * step,
        testImages,
        eval,
        evaluations);
  }
}
