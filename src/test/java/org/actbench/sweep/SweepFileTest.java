package org.actbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actbench.experiment.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweep files: the issue's example as written, YAML, exclusions, and errors that name line and
 * field.
 */
class SweepFileTest {
  @TempDir Path tmp;

  static final String EXAMPLE =
"""
{"name": "small", "base": {"family": "plain", "depth": 3, "width": 16, "data": "sample", "steps": 15},
 "axes": {"activation": ["elu", "relu"], "seed": [1, 2]}}
""";

  private Path write(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  private Sweep plan(String name, String text) throws Exception {
    return Sweep.plan(SweepFile.read(write(name, text)));
  }

  @Test
  void theIssuesExampleExpandsToFourRunsOverTrainsDefaults() throws Exception {
    Sweep sweep = plan("small.json", EXAMPLE);
    assertThat(sweep.name()).isEqualTo("small");
    assertThat(sweep.runs())
        .extracting(r -> r.spec().activation().id() + r.spec().seed())
        .containsExactly("elu1", "elu2", "relu1", "relu2");
    TrainSpec s = sweep.runs().get(0).spec();
    TrainSpec d = TrainSpec.defaults();
    assertThat(List.of(s.family().id(), s.depth(), s.width(), s.data(), s.steps(), s.evalEvery()))
        .containsExactly("plain", 3, 16, "sample", 15, 3); // evaluated five times, as train does
    assertThat(List.of(s.lr(), s.batch(), s.optimizer(), s.metrics()))
        .containsExactly(d.lr(), d.batch(), d.optimizer(), d.metrics());
    assertThat(sweep.runs().get(0).id()).matches("small-elu-d3-w16-s1-[0-9a-f]{8}");
    assertThat(sweep.tag()).isEqualTo("sweep:small");
    assertThat(sweep.checkpointEvery(s)).isEqualTo(10);
  }

  @Test
  void idsDependOnlyOnTheNameAndTheSpec() throws Exception {
    List<String> a = plan("a.json", EXAMPLE).runs().stream().map(SweepRun::id).toList();
    List<String> b =
        plan("b.json", EXAMPLE.replace("\"elu\", \"relu\"", "\"relu\", \"elu\"")).runs().stream()
            .map(SweepRun::id)
            .toList();
    assertThat(b).containsExactlyInAnyOrderElementsOf(a);
    assertThat(plan("c.json", EXAMPLE.replace("\"steps\": 15", "\"steps\": 16")).runs().get(0).id())
        .isNotEqualTo(a.get(0));
  }

  @Test
  void yamlWithExclusionsNestedFieldsAndActivationObjects() throws Exception {
    Sweep sweep =
        plan(
            "grid.yaml",
            """
            name: grid
            checkpointEvery: 5
            base:
              depth: 2
              data: sample
              metrics: {logEvery: 5}
            axes:
              activation: [relu, {id: elu, alpha: 0.5}]
              depth: [2, 3]
              metrics.probe.every: [0, 7]
            exclude:
              - {activation: relu, depth: 3}
            """);
    assertThat(sweep.runs()).hasSize(6);
    assertThat(sweep.runs())
        .noneMatch(r -> r.spec().activation().id().equals("relu") && r.spec().depth() == 3);
    assertThat(sweep.runs()).allMatch(r -> r.spec().metrics().logEvery() == 5);
    assertThat(sweep.runs()).extracting(r -> r.spec().metrics().probe().every()).containsOnly(0, 7);
    assertThat(sweep.runs().get(2).spec().activation().alpha()).isEqualTo(0.5);
    assertThat(sweep.checkpointEvery(sweep.runs().get(0).spec())).isEqualTo(5);
  }

  @Test
  void anUnknownBaseFieldIsNamedWithItsLine() throws Exception {
    assertThatThrownBy(
            () ->
                plan(
                    "bad.json",
                    """
                    {"name": "x",
                     "base": {"depth": 3,
                              "dpeth": 4},
                     "axes": {"seed": [1, 2]}}
                    """))
        .hasMessageContaining(
            "bad.json line 3, field 'base.dpeth': not a field of spec.json (family,");
  }

  @Test
  void aBadAxisValueIsNamedWithItsLineAndTheReason() throws Exception {
    assertThatThrownBy(
            () ->
                plan(
                    "bad.yaml",
                    """
                    name: x
                    base: {data: sample}
                    axes:
                      lr:
                        - 0.01
                        - -1
                    """))
        .hasMessage(
            tmp.resolve("bad.yaml")
                + " line 6, field 'axes.lr': lr must be > 0 and finite, got -1.0");
    assertThatThrownBy(
            () ->
                plan(
                    "deep.json",
                    """
                    {"name": "x",
                     "axes": {"depth": [3, 50]}}
                    """))
        .hasMessageContaining("line 2, field 'axes.depth': ")
        .hasMessageContaining("50");
    assertThatThrownBy(
            () ->
                plan(
                    "act.json",
                    """
                    {"name": "x", "axes": {"activation": ["elu",
                       "nope"]}}
                    """))
        .hasMessageContaining("line 2, field 'axes.activation': ")
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                plan(
                    "type.json",
                    """
                    {"name": "x", "axes": {"steps": [10, "many"]}}
                    """))
        .hasMessageContaining("line 1, field 'axes.steps': ");
  }

  @Test
  void syntaxShapeAndExclusionErrorsNameTheirLine() throws Exception {
    assertThatThrownBy(
            () -> plan("syntax.json", "{\"name\": \"x\",\n \"axes\": {\"seed\": [1, 2}\n}"))
        .hasMessageContaining("syntax.json line 2: ");
    assertThatThrownBy(() -> plan("dup.yaml", "name: x\naxes:\n  seed: [1]\n  seed: [2]\n"))
        .hasMessageContaining("dup.yaml line 4: ")
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> plan("noname.json", "{\"axes\": {\"seed\": [1]}}"))
        .hasMessageContaining("line 1, field 'name': a sweep needs a name");
    assertThatThrownBy(() -> plan("noaxes.json", "{\"name\": \"x\",\n \"axes\": {}}"))
        .hasMessageContaining("line 2, field 'axes': ");
    assertThatThrownBy(
            () -> plan("top.json", "{\"name\": \"x\", \"axes\": {\"seed\": [1]},\n \"axis\": 3}"))
        .hasMessageContaining("line 2, field 'axis': unknown field");
    assertThatThrownBy(
            () ->
                plan(
                    "ex.json",
                    """
                    {"name": "x", "axes": {"seed": [1, 2]},
                     "exclude": [{"seed": 3}]}
                    """))
        .hasMessageContaining(
            "line 2, field 'exclude[0].seed': 3 is not one of the axis' values [1, 2]");
    assertThatThrownBy(
            () ->
                plan(
                    "twice.json",
                    """
                    {"name": "x", "axes": {"seed": [1,
                      1]}}
                    """))
        .hasMessageContaining("line 2, field 'axes.seed': the value 1 gives the same run as 1");
    assertThatThrownBy(() -> SweepFile.read(tmp.resolve("absent.json")))
        .hasMessageContaining("absent.json: no such sweep file");
    assertThatThrownBy(() -> plan("null.json", "null"))
        .hasMessageContaining("line 1: expected an object");
    assertThatThrownBy(
            () ->
                plan(
                    "ce.json",
                    "{\"name\": \"x\", \"axes\": {\"seed\": [1]}, \"checkpointEvery\": 0}"))
        .hasMessageContaining("field 'checkpointEvery': expected a whole number of steps >= 1");
  }
}
