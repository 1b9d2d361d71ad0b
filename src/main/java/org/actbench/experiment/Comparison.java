package org.actbench.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.actbench.engine.train.SettingChange;

/**
 * Stored runs made into an honest comparison of one metric, as the CLI, the exports and the Compare
 * tab all draw it:
 *
 * <ol>
 *   <li>every run's curve is read; a run whose file is damaged is {@linkplain #skipped() left out,
 *       named with the reason}, and the others are compared;
 *   <li>runs with the same training configuration (every spec field, seed included; measurement
 *       settings aside) are one sample: the one that got furthest is kept and the others are
 *       {@linkplain #merged() merged} into it, so n counts distinct seeds;
 *   <li>groups are formed by the given fields, or by default by every field that differs among the
 *       runs (the seed aside: seeds are the samples), so nothing is pooled silently; what a group
 *       pools anyway is {@linkplain Group#pooled() named};
 *   <li>paired differences match runs one to one: the same seed and every other field equal but the
 *       first grouping field.
 * </ol>
 *
 * <p>A run whose learning rate or momentum changed while it trained ({@code events.csv}: from the
 * window, a watched file or a schedule) did not train as its spec says: its changes are part of
 * what it is ({@value #CHANGES}), so it is never one sample, one group or one pair with a run
 * changed otherwise or not at all; where runs differ in their changes the groups are always split
 * by them (also when other fields are given), the legend says how, and a note says why.
 */
public final class Comparison {
  /**
   * A group: its runs (distinct samples) and, per spec field that takes several values inside it
   * (other than the seed), those values.
   */
  public record Group(String key, List<RunStore.Entry> runs, Map<String, List<String>> pooled) {
    public int n() {
      return runs.size();
    }

    /** "relu 8 (pooled: width 16, 32)" for legends. */
    public String label() {
      if (pooled.isEmpty()) {
        return key;
      }
      List<String> parts = new ArrayList<>();
      pooled.forEach((field, values) -> parts.add(field + " " + String.join(", ", values)));
      return key + " (pooled: " + String.join("; ", parts) + ")";
    }
  }

  /** A run left out because one of its files cannot be read. */
  public record Skipped(RunStore.Entry run, String reason) {}

  /** A run with the same configuration as {@code kept}: the same sample, counted once. */
  public record Merged(RunStore.Entry duplicate, RunStore.Entry kept) {}

  /** Group by run: one group per distinct run, named by the run's display name. */
  public static final List<String> PER_RUN = List.of("run");

  /** The pseudo-field of the settings changed while a run trained (not a spec field). */
  public static final String CHANGES = "changes";

  /** {@value #CHANGES} of a run that trained as its spec says. */
  public static final String UNCHANGED = "no live change";

  private final Metric metric;
  private final List<String> groupBy;
  private final List<Group> groups;
  private final List<Merged> merged;
  private final List<Skipped> skipped;
  private final Map<String, RunData.Curve> curves; // by run id
  private final Map<String, String> changes; // by run id: {@link #CHANGES}

  private Comparison(
      Metric metric,
      List<String> groupBy,
      List<Group> groups,
      List<Merged> merged,
      List<Skipped> skipped,
      Map<String, RunData.Curve> curves,
      Map<String, String> changes) {
    this.metric = metric;
    this.groupBy = groupBy;
    this.groups = groups;
    this.merged = merged;
    this.skipped = skipped;
    this.curves = curves;
    this.changes = changes;
  }

  /**
   * @param groupBy spec fields ({@link Compare#FIELDS}); empty: every field that differs among the
   *     runs but the seed
   * @param layer for a per-layer metric, the activation layer, or null for the median over layers
   */
  public static Comparison of(
      List<RunStore.Entry> runs, List<String> groupBy, Metric metric, String layer) {
    boolean perRun = groupBy.equals(PER_RUN);
    if (!perRun) {
      groupBy.stream()
          .filter(f -> !f.equals(CHANGES))
          .forEach(f -> Compare.field(TrainSpec.defaults(), f)); // an unknown field fails here
    }
    Map<String, RunData.Curve> curves = new LinkedHashMap<>();
    Map<String, String> changes = new LinkedHashMap<>();
    List<Skipped> skipped = new ArrayList<>();
    List<RunStore.Entry> readable = new ArrayList<>();
    for (RunStore.Entry e : runs) {
      if (!e.usable()) {
        skipped.add(new Skipped(e, e.problem()));
        continue;
      }
      try {
        curves.put(e.id(), RunData.curve(e.dir(), metric.column(), layer));
        changes.put(e.id(), changes(e.dir()));
        readable.add(e);
      } catch (IllegalArgumentException ex) {
        skipped.add(new Skipped(e, ex.getMessage()));
      }
    }
    List<Merged> merged = new ArrayList<>();
    List<RunStore.Entry> distinct = distinct(readable, curves, changes, merged);
    List<String> by = new ArrayList<>(perRun ? PER_RUN : groupBy);
    if (!perRun && groupBy.isEmpty()) {
      by.addAll(differingFields(distinct));
    }
    boolean changesDiffer = distinct.stream().map(e -> changes.get(e.id())).distinct().count() > 1;
    if (!perRun && changesDiffer && !by.contains(CHANGES)) {
      by.add(CHANGES); // never one group with runs changed otherwise, whatever was asked
    }
    Map<String, List<RunStore.Entry>> byKey = perRun ? new LinkedHashMap<>() : new TreeMap<>();
    for (RunStore.Entry e : distinct) {
      String key = perRun ? e.displayName() : key(e, by, changes);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    List<Group> groups = new ArrayList<>();
    byKey.forEach(
        (key, members) ->
            groups.add(
                new Group(key, List.copyOf(members), perRun ? Map.of() : pooled(members, by))));
    return new Comparison(
        metric,
        List.copyOf(by),
        List.copyOf(groups),
        List.copyOf(merged),
        List.copyOf(skipped),
        curves,
        changes);
  }

  /**
   * A run's {@value #CHANGES}: {@value #UNCHANGED}, or its changes in order, e.g. "live: lr→0.05
   * after step 8" (a change holds from the step after).
   *
   * @throws IllegalArgumentException naming the events file and line if it is damaged
   */
  static String changes(Path runDir) {
    List<SettingChange> events = EventsCsv.read(runDir.resolve(EventsCsv.FILE), "live");
    if (events.isEmpty()) {
      return UNCHANGED;
    }
    List<String> parts = new ArrayList<>();
    for (SettingChange c : events) {
      parts.add(c.label().replace(' ', '→') + " after step " + c.step());
    }
    return "live: " + String.join(", ", parts);
  }

  /** The run's value of a grouping field: a spec field, or {@value #CHANGES}. */
  private String value(RunStore.Entry e, String field) {
    return value(e, field, changes);
  }

  private static String value(RunStore.Entry e, String field, Map<String, String> changes) {
    return field.equals(CHANGES) ? changes.get(e.id()) : Compare.field(e.spec(), field);
  }

  /** The fields whose values differ among the runs, seed aside, in {@link Compare#FIELDS} order. */
  public static List<String> differingFields(List<RunStore.Entry> runs) {
    List<String> out = new ArrayList<>();
    for (String f : Compare.FIELDS) {
      if (!f.equals("seed")
          && runs.stream().map(e -> Compare.field(e.spec(), f)).distinct().count() > 1) {
        out.add(f);
      }
    }
    return out;
  }

  private static String key(RunStore.Entry e, List<String> fields, Map<String, String> changes) {
    if (fields.isEmpty()) {
      return "all runs";
    }
    List<String> parts = new ArrayList<>();
    for (String f : fields) {
      parts.add(value(e, f, changes));
    }
    return String.join(" ", parts);
  }

  private static Map<String, List<String>> pooled(List<RunStore.Entry> members, List<String> by) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String f : Compare.FIELDS) {
      if (f.equals("seed") || by.contains(f)) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      members.forEach(e -> values.add(Compare.field(e.spec(), f)));
      if (values.size() > 1) {
        out.put(f, List.copyOf(values));
      }
    }
    return out;
  }

  /**
   * One run per training configuration: of runs that agree in every field (seed included), the one
   * with the most points of this metric is kept (the newest on a tie).
   */
  private static List<RunStore.Entry> distinct(
      List<RunStore.Entry> runs,
      Map<String, RunData.Curve> curves,
      Map<String, String> changes,
      List<Merged> merged) {
    Map<String, List<RunStore.Entry>> same = new LinkedHashMap<>();
    for (RunStore.Entry e : runs) {
      String identity = identity(e.spec()) + "\u0000" + changes.get(e.id());
      same.computeIfAbsent(identity, k -> new ArrayList<>()).add(e);
    }
    List<RunStore.Entry> out = new ArrayList<>();
    for (List<RunStore.Entry> copies : same.values()) {
      RunStore.Entry kept =
          copies.stream()
              .max(
                  Comparator.comparingInt((RunStore.Entry e) -> curves.get(e.id()).size())
                      .thenComparing(RunStore.Entry::id))
              .orElseThrow();
      out.add(kept);
      copies.stream().filter(e -> e != kept).forEach(e -> merged.add(new Merged(e, kept)));
    }
    return out;
  }

  /** Everything that decides what a run trains; not how often it is measured or evaluated. */
  private static String identity(TrainSpec s) {
    List<String> parts = new ArrayList<>();
    Compare.FIELDS.forEach(f -> parts.add(Compare.field(s, f)));
    parts.add(String.valueOf(s.explicit()));
    parts.add(String.valueOf(s.forkOf())); // a fork trained its parent's way up to its step
    return String.join("\u0000", parts);
  }

  public Metric metric() {
    return metric;
  }

  /** The fields the groups were formed by (the default: those that differ). */
  public List<String> groupBy() {
    return groupBy;
  }

  public List<Group> groups() {
    return groups;
  }

  public List<Merged> merged() {
    return merged;
  }

  public List<Skipped> skipped() {
    return skipped;
  }

  /** The group's runs' curves, smoothed run by run. */
  public List<RunData.Curve> curves(Group g, Smoothing smoothing) {
    return Compare.smooth(g.runs().stream().map(e -> curves.get(e.id())).toList(), smoothing);
  }

  public Compare.Band band(Group g, Smoothing smoothing) {
    return Compare.band(g.label(), curves(g, smoothing), metric.domain());
  }

  /**
   * For each group whose first grouping field is not {@code baseline}: the group with {@code
   * baseline} there and every other grouping field the same, in group order.
   */
  public Map<Group, Group> pairs(String baseline) {
    Map<Group, Group> out = new LinkedHashMap<>();
    if (groupBy.isEmpty()) {
      return out;
    }
    String first = groupBy.get(0);
    for (Group g : groups) {
      RunStore.Entry s = g.runs().get(0);
      if (value(s, first).equals(baseline)) {
        continue;
      }
      for (Group b : groups) {
        RunStore.Entry t = b.runs().get(0);
        boolean partner =
            value(t, first).equals(baseline)
                && groupBy.stream().skip(1).allMatch(f -> value(s, f).equals(value(t, f)));
        if (partner) {
          out.put(g, b);
        }
      }
    }
    return out;
  }

  /**
   * Runs of {@code a} and {@code b} matched one to one: the same seed, every spec field and the
   * live changes equal but the first grouping field (the one that is compared). A run without a
   * partner is left out.
   */
  public List<RunStore.Entry[]> paired(Group a, Group b) {
    String first = groupBy.isEmpty() ? "" : groupBy.get(0);
    List<RunStore.Entry[]> out = new ArrayList<>();
    List<RunStore.Entry> free = new ArrayList<>(b.runs());
    for (RunStore.Entry x : a.runs()) {
      for (RunStore.Entry y : free) {
        boolean match =
            Compare.FIELDS.stream()
                    .filter(f -> !f.equals(first))
                    .allMatch(f -> Compare.field(x.spec(), f).equals(Compare.field(y.spec(), f)))
                && (first.equals(CHANGES) || value(x, CHANGES).equals(value(y, CHANGES)))
                && Objects.equals(x.spec().explicit(), y.spec().explicit());
        if (match) {
          out.add(new RunStore.Entry[] {x, y});
          free.remove(y);
          break;
        }
      }
    }
    return out;
  }

  /** {@code a − b} over the pairs of {@link #paired}, as a band over pairs (n = pairs). */
  public Compare.Band difference(Group a, Group b, Smoothing smoothing) {
    List<RunData.Curve[]> pairs = new ArrayList<>();
    for (RunStore.Entry[] p : paired(a, b)) {
      List<RunData.Curve> two =
          Compare.smooth(List.of(curves.get(p[0].id()), curves.get(p[1].id())), smoothing);
      pairs.add(new RunData.Curve[] {two.get(0), two.get(1)});
    }
    return Compare.differences(a.label() + " - " + b.key(), pairs);
  }

  /** Every group's summary, best final value first. */
  public List<Compare.Summary> summaries(Smoothing smoothing, double threshold) {
    Map<String, List<RunData.Curve>> byGroup = new LinkedHashMap<>();
    groups.forEach(g -> byGroup.put(g.label(), curves(g, smoothing)));
    return Compare.summaries(byGroup, metric, threshold);
  }

  /**
   * What a reader must know about this comparison, one sentence each: runs left out and why, runs
   * merged as duplicates, fields pooled inside groups, groups whose runs end at different steps.
   */
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    for (Skipped s : skipped) {
      out.add("run " + s.run().id() + " left out: " + s.reason());
    }
    for (Merged m : merged) {
      out.add(
          "run "
              + m.duplicate().id()
              + " merged into "
              + m.kept().id()
              + ": the same configuration and seed is one sample");
    }
    if (groupBy.contains(CHANGES)) {
      for (Group g : groups) {
        for (RunStore.Entry e : g.runs()) {
          if (!value(e, CHANGES).equals(UNCHANGED)) {
            out.add(
                "run "
                    + e.id()
                    + " did not train as its spec says ("
                    + value(e, CHANGES)
                    + "): it is grouped and paired only with runs changed the same way");
          }
        }
      }
    }
    for (Group g : groups) {
      for (RunStore.Entry e : g.runs()) {
        if (!e.state().equals("finished")) {
          out.add(
              "run "
                  + e.id()
                  + " is "
                  + e.state()
                  + " (at step "
                  + e.steps()
                  + " of "
                  + e.spec().steps()
                  + ")");
        }
      }
      if (!g.pooled().isEmpty()) {
        out.add(
            "group "
                + g.key()
                + " pools runs that differ in "
                + String.join(", ", g.pooled().keySet()));
      }
      List<Long> ends =
          g.runs().stream()
              .map(
                  e -> {
                    RunData.Curve c = curves.get(e.id());
                    return c.size() == 0 ? 0L : (long) c.steps()[c.size() - 1];
                  })
              .distinct()
              .toList();
      if (ends.size() > 1) {
        out.add(
            "group "
                + g.key()
                + ": its runs end at steps "
                + ends
                + "; it is compared up to the last step they share");
      }
    }
    return out;
  }
}
