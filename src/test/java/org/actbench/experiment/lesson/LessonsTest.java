package org.actbench.experiment.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actbench.experiment.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson files: the bundled ones, and bad ones named by file, line and field. */
class LessonsTest {
  private static final String GOOD =
      """
      {
        // a comment a teacher left
        "title": "T",
        "runs": [ {"id": "ELU", "activation": "elu", "depth": 2, "width": 4, "steps": 50} ],
        "steps": [
          {"title": "one", "text": "look", "runs": ["ELU"], "charts": ["unit-means", "loss"],
           "callout": {"chart": "unit-means", "from": 5, "to": 40, "low": -0.1, "high": 0.1,
                       "text": "here"},
           "hide": ["form"], "lock": ["presets"]}
        ],
        "summary": "what we saw",
        "readMore": "docs/bias-shift.md"
      }
      """;

  @Test
  void everyBundledLessonReadsAndEndsWithASummaryAndTheBiasShiftPage() {
    assertThat(Lessons.BUNDLED).hasSizeGreaterThanOrEqualTo(4);
    for (String name : Lessons.BUNDLED) {
      Lesson l = Lessons.bundled(name);
      assertThat(l.steps()).as(name).hasSizeGreaterThanOrEqualTo(3);
      assertThat(l.summary()).as(name).hasSizeGreaterThan(200); // a paragraph, not a line
      assertThat(l.readMore()).as(name).startsWith("docs/bias-shift.md");
      assertThat(Path.of("docs/bias-shift.md")).exists();
      for (LessonRun r : l.runs()) {
        TrainSpec spec = r.spec("sample");
        assertThat(spec.steps()).as(name + " " + r.id()).isLessThanOrEqualTo(400); // a lecture
        assertThat(spec.metrics().probe().every()).isBetween(0, 50); // the probe draws a curve
      }
      assertThat(l.steps().get(0).runs()).as(name + ": the first step queues runs").isNotEmpty();
    }
  }

  @Test
  void aGoodFileReadsWithItsDefaultsFilledIn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("l.json");
    Files.writeString(file, "\uFEFF" + GOOD); // a byte-order mark, as some editors write
    Lesson l = Lessons.read(file);
    LessonStep s = l.steps().get(0);
    assertThat(s.callout().low()).isEqualTo(-0.1);
    assertThat(s.hide()).containsExactly(LessonControl.FORM);
    assertThat(s.lock()).containsExactly(LessonControl.PRESETS);
    TrainSpec spec = l.run("ELU").orElseThrow().spec("sample");
    assertThat(spec.depth()).isEqualTo(2);
    assertThat(spec.seed()).isEqualTo(1);
    assertThat(spec.metrics().logEvery()).isEqualTo(5);
    assertThat(spec.metrics().probe().every()).isEqualTo(20);
    assertThat(spec.metrics().probe().size()).isEqualTo(8); // the small teaching probe
    assertThat(spec.metrics().probe().maxRows()).isEqualTo(256);
    assertThat(spec.metrics().measureBudget()).as("the intervals as given").isNull();
    Lesson own =
        Lessons.parse(
            "l.json", GOOD.replace("\"steps\": 50", "\"steps\": 50, \"measureBudget\": 7.5"));
    assertThat(own.run("ELU").orElseThrow().spec("sample").metrics().measureBudget())
        .isEqualTo(7.5);
  }

  @Test
  void brokenJsonNamesTheLine() {
    String text = GOOD.replace("\"summary\": \"what we saw\",", "\"summary\": \"what we saw\"");
    assertThatThrownBy(() -> Lessons.parse("l.json", text))
        .isInstanceOf(LessonException.class)
        .hasMessageStartingWith("l.json line 12: not valid JSON")
        .extracting(e -> ((LessonException) e).line())
        .isEqualTo(12); // where the missing comma is noticed: the next line
  }

  @Test
  void aWrongValueNamesItsLineAndField() {
    String text = GOOD.replace("\"activation\": \"elu\"", "\"activation\": \"elux\"");
    assertThatThrownBy(() -> Lessons.parse("l.json", text))
        .hasMessageStartingWith("l.json line 4: runs[0]: ")
        .hasMessageContaining("elux");
    String chart = GOOD.replace("[\"unit-means\", \"loss\"]", "[\"unit-means\", \"lost\"]");
    assertThatThrownBy(() -> Lessons.parse("l.json", chart))
        .hasMessageStartingWith("l.json line 6: steps[0].charts[1]: ")
        .hasMessageContaining("chart must be one of [loss, accuracy, unit-means, bias-shift]");
    String typo = GOOD.replace("\"hide\"", "\"hidden\"");
    assertThatThrownBy(() -> Lessons.parse("l.json", typo))
        .hasMessageStartingWith("l.json line 9: steps[0].hidden: ")
        .hasMessageContaining("Unrecognized field \"hidden\"");
    String steps = GOOD.replace("\"steps\": 50", "\"steps\": -1");
    assertThatThrownBy(() -> Lessons.parse("l.json", steps))
        .hasMessageStartingWith("l.json line 4: runs[0]: steps must be 1..100000, got -1");
    for (String budget : List.of("0", "-1", "101", "1e999")) {
      String text2 = GOOD.replace("\"steps\": 50", "\"steps\": 50, \"measureBudget\": " + budget);
      assertThatThrownBy(() -> Lessons.parse("l.json", text2))
          .as(budget)
          .hasMessageStartingWith("l.json line 4: runs[0]: measureBudget must be > 0 and <= 100");
    }
  }

  @Test
  void aStepNamingARunThatIsNotThereNamesItsLine() {
    String text = GOOD.replace("\"runs\": [\"ELU\"]", "\"runs\": [\"ReLU\"]");
    assertThatThrownBy(() -> Lessons.parse("l.json", text))
        .hasMessageStartingWith("l.json line 6: steps: runs of a step names 'ReLU'");
  }

  @Test
  void aCalloutOnAChartTheStepDoesNotShowIsAnError() {
    String text =
        GOOD.replace("\"chart\": \"unit-means\", \"from\"", "\"chart\": \"bias-shift\", \"from\"");
    assertThatThrownBy(() -> Lessons.parse("l.json", text))
        .hasMessageContaining("steps[0]: callout is on bias-shift, which this step does not show");
  }

  @Test
  void emptyNullAndFoldersAreErrorsToo(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Lessons.parse("l.json", "")).hasMessageStartingWith("l.json line");
    assertThatThrownBy(() -> Lessons.parse("l.json", "null"))
        .hasMessage("l.json line 1: holds null, expected a lesson object");
    assertThatThrownBy(() -> Lessons.parse("l.json", "{}")).hasMessageContaining("title is needed");
    assertThatThrownBy(() -> Lessons.read(dir)).hasMessageContaining("is a folder");
    assertThatThrownBy(() -> Lessons.read(dir.resolve("none.json")))
        .hasMessageContaining("cannot read it");
    Path binary = dir.resolve("b.json");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x41});
    assertThatThrownBy(() -> Lessons.read(binary)).isInstanceOf(LessonException.class);
    assertThatThrownBy(() -> Lessons.read(Path.of("/dev/zero"))) // never ends: refused at once
        .hasMessage("/dev/zero: not a regular file");
  }
}
