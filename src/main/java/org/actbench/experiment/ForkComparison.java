package org.actbench.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forks against their parents' continuations: for each fork among the runs, the paired difference
 * fork − parent at each step after the fork step, with steps counted from the fork step (so forks
 * made at different steps line up). Forks that make the same change at the same step form one
 * group, one fork per seed (n = distinct seeds), with a 95 % band over them ({@link
 * Compare#differences}). The parent must still be in the store beside the fork.
 */
public final class ForkComparison {
  private ForkComparison() {}

  /**
   * @param notes receives a line for each fork left out (its parent is gone) or merged (a second
   *     fork of the same seed and change)
   * @return one band per group, in the order the groups were first met; empty if no run is a fork
   */
  public static List<Compare.Band> differences(
      List<RunStore.Entry> runs, String metric, String layer, List<String> notes) {
    return differences(runs, metric, layer, Smoothing.NONE, notes);
  }

  /**
   * As {@link #differences(List, String, String, List)}, each fork's and its parent's curves
   * smoothed (after the alignment, so the smoothing starts at the fork step).
   */
  public static List<Compare.Band> differences(
      List<RunStore.Entry> runs,
      String metric,
      String layer,
      Smoothing smoothing,
      List<String> notes) {
    Map<String, List<RunData.Curve[]>> groups = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (RunStore.Entry fork : runs) {
      ForkOrigin origin = fork.spec().forkOf();
      if (origin == null) {
        continue;
      }
      Path parent = fork.dir().resolveSibling(origin.parent());
      if (!Files.exists(parent.resolve("spec.json"))) {
        notes.add(fork.id() + " left out: its parent " + origin.parent() + " is not in the store");
        continue;
      }
      TrainSpec parentSpec = Json.readSpec(parent.resolve("spec.json"));
      String group = change(parentSpec, fork.spec()) + " at step " + origin.step();
      if (!seen.add(group + " seed " + fork.spec().seed())) {
        notes.add(
            fork.id() + " merged: another fork of seed " + fork.spec().seed() + " is " + group);
        continue;
      }
      RunData.Curve mine = after(RunData.curve(fork.dir(), metric, layer), origin.step());
      RunData.Curve theirs = after(RunData.curve(parent, metric, layer), origin.step());
      List<RunData.Curve> two = Compare.smooth(List.of(mine, theirs), smoothing);
      groups
          .computeIfAbsent(group, g -> new ArrayList<>())
          .add(new RunData.Curve[] {two.get(0), two.get(1)});
    }
    List<Compare.Band> bands = new ArrayList<>();
    groups.forEach((label, pairs) -> bands.add(Compare.differences(label, pairs)));
    return bands;
  }

  /** What a fork changed, e.g. "activation elu → relu, lr 0.01 → 0.02" ("no change"). */
  static String change(TrainSpec parent, TrainSpec fork) {
    List<String> changed = new ArrayList<>();
    for (String field : Compare.FIELDS) {
      String a = Compare.field(parent, field);
      String b = Compare.field(fork, field);
      if (!field.equals("steps") && !a.equals(b)) {
        changed.add(field + " " + a + " → " + b);
      }
    }
    return changed.isEmpty() ? "no change" : String.join(", ", changed);
  }

  /** The points after step {@code at}, with steps counted from it. */
  private static RunData.Curve after(RunData.Curve c, long at) {
    int from = 0;
    while (from < c.size() && c.steps()[from] <= at) {
      from++;
    }
    double[] steps = new double[c.size() - from];
    double[] values = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = c.steps()[from + i] - at;
      values[i] = c.values()[from + i];
    }
    return new RunData.Curve(steps, values);
  }
}
