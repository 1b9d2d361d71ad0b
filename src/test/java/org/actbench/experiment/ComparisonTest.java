package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.ActivationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a comparison counts as a sample, how it groups and pairs, and where its bands live. */
class ComparisonTest {
  @TempDir Path store;
  private int made;

  static TrainSpec spec(String activation, int depth, long seed) {
    return TrainSpec.builder()
        .activation(ActivationSpec.of(activation))
        .depth(depth)
        .width(16)
        .steps(3)
        .evalEvery(3)
        .seed(seed)
        .data("sample")
        .build();
  }

  /** A finished run whose train loss at steps 1, 2, 3 is {@code losses}. */
  private RunStore.Entry run(TrainSpec spec, double... losses) throws IOException {
    Path dir = Files.createDirectories(store.resolve(String.format("run-%02d", made++)));
    Json.write(dir.resolve("spec.json"), spec);
    Json.write(dir.resolve("status.json"), RunStatus.queued().ended("finished", losses.length, ""));
    StringBuilder csv = new StringBuilder(MetricsCsv.HEADER + "\n");
    for (int i = 0; i < losses.length; i++) {
      csv.append(i + 1).append(",0,").append(losses[i]).append(",0.5,,,0.01,0.1\n");
    }
    Files.writeString(dir.resolve("metrics.csv"), csv);
    return RunStore.entry(dir);
  }

  private static Comparison compare(List<RunStore.Entry> runs, String... groupBy) {
    return Comparison.of(runs, List.of(groupBy), Metric.TRAIN_LOSS, null);
  }

  @Test
  void theSameSpecAndSeedThreeTimesIsOneSampleWithNoInterval() throws IOException {
    TrainSpec s = spec("elu", 4, 1);
    List<RunStore.Entry> runs = List.of(run(s, 2, 1.5, 1), run(s, 2, 1.5, 1), run(s, 2, 1.5));
    Comparison c = compare(runs, "activation");
    assertThat(c.groups()).hasSize(1);
    Comparison.Group g = c.groups().get(0);
    assertThat(g.n()).isEqualTo(1);
    assertThat(c.merged()).hasSize(2);
    assertThat(c.notes()).anyMatch(n -> n.contains("merged into") && n.contains("one sample"));
    Compare.Band b = c.band(g, Smoothing.NONE);
    assertThat(b.hasInterval()).isFalse();
    assertThat(java.util.Arrays.stream(b.low()).allMatch(Double::isNaN))
        .isTrue(); // no zero-width band
    assertThat(c.summaries(Smoothing.NONE, Double.NaN).get(0).fin().low()).isNaN();
  }

  /** The run's live changes, as training writes them ({@code events.csv}). */
  private static RunStore.Entry changed(RunStore.Entry run, String... rows) throws IOException {
    Files.writeString(
        run.dir().resolve(EventsCsv.FILE),
        EventsCsv.HEADER + "\n" + String.join("\n", rows) + "\n");
    return run;
  }

  @Test
  void aRunChangedLiveIsNeitherTheSameSampleNorGroupNorPairAsAnUnchangedOne() throws IOException {
    RunStore.Entry plain = run(spec("relu", 4, 1), 2, 1.7, 1.3);
    RunStore.Entry faster = changed(run(spec("relu", 4, 1), 2, 1.7, 1.1), "1,lr,0.05,window");
    List<RunStore.Entry> runs =
        List.of(
            run(spec("elu", 4, 1), 2, 1.5, 1.0),
            run(spec("elu", 4, 2), 2, 1.4, 0.9),
            plain,
            run(spec("relu", 4, 2), 2, 1.8, 1.2),
            faster);
    for (Comparison c : List.of(compare(runs), compare(runs, "activation"))) {
      assertThat(c.merged()).as("same spec and seed, but changed: not a duplicate").isEmpty();
      assertThat(c.groupBy()).contains(Comparison.CHANGES);
      assertThat(c.groups())
          .extracting(Comparison.Group::key)
          .containsExactly(
              "elu no live change", "relu live: lr→0.05 after step 1", "relu no live change");
      assertThat(c.notes())
          .anyMatch(
              n ->
                  n.startsWith("run " + faster.id() + " did not train as its spec says")
                      && n.contains("lr→0.05 after step 1"));
      var pairs = c.pairs("relu");
      var elu = c.groups().get(0);
      assertThat(pairs.get(elu).key()).isEqualTo("relu no live change");
      assertThat(c.paired(elu, pairs.get(elu)))
          .extracting(p -> p[1].id())
          .containsExactlyInAnyOrder(plain.id(), runs.get(3).id());
    }
    Comparison byChange = compare(runs, Comparison.CHANGES, "activation");
    var groups = byChange.groups();
    assertThat(byChange.pairs(Comparison.UNCHANGED)).hasSize(1); // relu changed − relu unchanged
    var live = groups.stream().filter(g -> g.key().startsWith("live")).findFirst().orElseThrow();
    var pair = byChange.paired(live, byChange.pairs(Comparison.UNCHANGED).get(live));
    assertThat(pair).singleElement().satisfies(p -> assertThat(p[1].id()).isEqualTo(plain.id()));
  }

  @Test
  void aDamagedEventsFileLeavesOnlyItsRunOut() throws IOException {
    RunStore.Entry bad = changed(run(spec("relu", 4, 1), 2, 1.7, 1.1), "x,lr,fast");
    Comparison c = compare(List.of(run(spec("elu", 4, 1), 2, 1, 1), bad), "activation");
    assertThat(c.groups()).extracting(Comparison.Group::key).containsExactly("elu");
    assertThat(c.notes())
        .anyMatch(n -> n.startsWith("run " + bad.id() + " left out: ") && n.contains("events.csv"));
  }

  @Test
  void pairsMatchRunsOneToOneBySeedNotAsACrossProduct() throws IOException {
    List<RunStore.Entry> runs =
        List.of(
            run(spec("elu", 4, 1), 2, 1.5, 1.0),
            run(spec("elu", 4, 2), 2, 1.4, 0.9),
            run(spec("relu", 4, 1), 2, 1.7, 1.3),
            run(spec("relu", 4, 2), 2, 1.8, 1.2),
            run(spec("relu", 4, 1), 2, 1.7, 1.3)); // a repeat of relu seed 1
    Comparison c = compare(runs, "activation");
    var pairs = c.pairs("relu");
    assertThat(pairs).hasSize(1);
    var elu = pairs.keySet().iterator().next();
    assertThat(c.paired(elu, pairs.get(elu))).hasSize(2);
    Compare.Band d = c.difference(elu, pairs.get(elu), Smoothing.NONE);
    assertThat(d.n()).isEqualTo(2); // two seeds, not 2 × 3
    assertThat(d.mean()[2]).isCloseTo(((1.0 - 1.3) + (0.9 - 1.2)) / 2, within(1e-12));
  }

  @Test
  void pairsNeedEveryOtherFieldEqual() throws IOException {
    List<RunStore.Entry> runs =
        List.of(run(spec("elu", 4, 1), 2, 1, 1), run(spec("relu", 8, 1), 2, 2, 2));
    Comparison c = compare(runs, "activation");
    var elu = c.groups().get(0);
    var relu = c.groups().get(1);
    assertThat(c.paired(elu, relu)).isEmpty(); // depth differs: not the same initial weights
  }

  @Test
  void byDefaultEveryDifferingFieldGroupsAndNothingIsPooledSilently() throws IOException {
    List<RunStore.Entry> runs =
        List.of(
            run(spec("elu", 4, 1), 2, 1, 1),
            run(spec("elu", 8, 1), 2, 1, 1),
            run(spec("relu", 4, 1), 2, 1, 1),
            run(spec("relu", 4, 2), 2, 1, 1));
    Comparison byDefault = compare(runs);
    assertThat(byDefault.groupBy()).containsExactly("activation", "depth");
    assertThat(byDefault.groups())
        .extracting(Comparison.Group::key)
        .containsExactly("elu 4", "elu 8", "relu 4");
    Comparison pooling = compare(runs, "activation");
    assertThat(pooling.groups().get(0).label()).isEqualTo("elu (pooled: depth 4, 8)");
    assertThat(pooling.notes()).contains("group elu pools runs that differ in depth");
  }

  @Test
  void lossBandsLiveOnTheLogScaleAndNeverGoBelowZero() throws IOException {
    List<RunStore.Entry> runs =
        List.of(run(spec("elu", 4, 1), 0.5, 0.5, 0.5), run(spec("elu", 4, 2), 10, 10, 10));
    Compare.Band b =
        compare(runs, "activation")
            .band(compare(runs, "activation").groups().get(0), Smoothing.NONE);
    assertThat(b.center()).isEqualTo("geometric mean");
    assertThat(b.mean()[0]).isCloseTo(Math.sqrt(5), within(1e-12));
    assertThat(b.low()[0]).isPositive().isLessThan(0.5);
    assertThat(b.high()[0]).isGreaterThan(10);
    // the plain t-interval would reach −54: a loss band below zero says nothing true
  }

  @Test
  void boundedQuantitiesAreClippedToTheirRange() {
    Compare.Estimate e = Compare.estimate(new double[] {0.97, 0.99}, Metric.Domain.FRACTION);
    assertThat(e.high()).isEqualTo(1.0);
    assertThat(e.low()).isGreaterThanOrEqualTo(0.0);
    Compare.Estimate cos = Compare.estimate(new double[] {-0.99, -0.2}, Metric.Domain.COSINE);
    assertThat(cos.low()).isEqualTo(-1.0);
  }

  @Test
  void aDamagedRunIsLeftOutNamedAndTheOthersCompared() throws IOException {
    RunStore.Entry good = run(spec("elu", 4, 1), 2, 1.5, 1);
    RunStore.Entry bad = run(spec("relu", 4, 1), 2, 1.5, 1);
    Files.writeString(bad.dir().resolve("metrics.csv"), "step,epoch,train_loss\n1,0,oops\n");
    Comparison c = compare(List.of(good, bad), "activation");
    assertThat(c.groups()).extracting(Comparison.Group::key).containsExactly("elu");
    assertThat(c.notes())
        .containsExactly(
            "run "
                + bad.id()
                + " left out: metrics.csv line 2, column 'train_loss': expected a number, got 'oops'");
  }

  @Test
  void runsOfDifferentLengthsAreComparedWhereTheyAllAre() throws IOException {
    List<RunStore.Entry> runs =
        List.of(run(spec("elu", 4, 1), 2, 1.5, 1.0), run(spec("elu", 4, 2), 2, 1.4));
    Comparison c = compare(runs, "activation");
    Compare.Summary s = c.summaries(Smoothing.NONE, Double.NaN).get(0);
    assertThat(s.finalStep()).isEqualTo(2);
    assertThat(c.band(c.groups().get(0), Smoothing.NONE).steps()).containsExactly(1, 2);
    assertThat(c.notes()).anyMatch(n -> n.contains("end at steps [3, 2]"));
  }

  /** Every measured column of the run files can be compared and read back (a stored run's rows). */
  @Test
  void everyMeasuredColumnIsAMetric() {
    List<String> step = new ArrayList<>(List.of(MetricsCsv.HEADER.split(",")));
    step.removeAll(List.of("step", "epoch", "seconds"));
    List<String> layer = new ArrayList<>(List.of(LayersCsv.HEADER.split(",")));
    // the intervals in use are settings, and taken_mean_ratio is best at 1: neither ranks runs
    layer.removeAll(
        List.of("step", "layer", "receiver", "log_every", "probe_every", "taken_mean_ratio"));
    assertThat(Metric.columns(false)).containsExactlyElementsOf(step);
    assertThat(Metric.columns(true)).containsExactlyElementsOf(layer);
  }
}
