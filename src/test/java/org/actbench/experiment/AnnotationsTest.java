package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actbench.experiment.Annotations.Note;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's callouts in its folder: kept whole, read back, and a damaged file harms no other run. */
class AnnotationsTest {
  @TempDir Path tmp;

  @Test
  void notesSurviveReopeningAndCanBeRemoved() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    assertThat(Annotations.read(run)).isEqualTo(new Annotations.Read(List.of(), null));
    Note a = new Note("unit-means:network", 120, 0.25, "ReLU drifts up, \"here\"\nsee?");
    Note b = new Note("loss", 3, 2.1, "α = 1");
    Annotations.add(run, a);
    Annotations.add(run, b);
    assertThat(Annotations.read(run).notes()).containsExactly(a, b);
    assertThat(Annotations.remove(run, a)).containsExactly(b);
    assertThat(Annotations.read(run).notes()).containsExactly(b);
    try (var files = Files.list(run)) { // no temporary file left behind
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(Annotations.FILE);
    }
  }

  @Test
  void aDamagedFileHarmsOnlyItsOwnRunAndIsKeptAside() throws Exception {
    Path good = Files.createDirectories(tmp.resolve("good"));
    Path bad = Files.createDirectories(tmp.resolve("bad"));
    Note n = new Note("loss", 1, 1, "fine");
    Annotations.add(good, n);
    for (String damage :
        List.of("{\"notes\": [{\"chart\": \"loss\", \"x\": 1,", "null", "\uFEFF[]", "{}")) {
      Files.writeString(bad.resolve(Annotations.FILE), damage);
      Annotations.Read read = Annotations.read(bad);
      assertThat(read.notes()).isEmpty();
      assertThat(read.problem()).startsWith(Annotations.FILE);
      assertThat(Annotations.read(good).notes()).containsExactly(n);
    }
    String damaged = Files.readString(bad.resolve(Annotations.FILE));
    Annotations.add(bad, n); // the damaged file is kept, not overwritten
    assertThat(Files.readString(bad.resolve(Annotations.DAMAGED))).isEqualTo(damaged);
    assertThat(Annotations.read(bad).notes()).containsExactly(n);
  }

  @Test
  void aNoteIsChecked() {
    assertThatThrownBy(() -> new Note("loss", Double.NaN, 0, "x")).hasMessageContaining("finite");
    assertThatThrownBy(() -> new Note("loss", 0, 0, " ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> new Note("", 0, 0, "x")).hasMessageContaining("chart");
    assertThatThrownBy(() -> new Note("loss", 0, 0, "x".repeat(501)))
        .hasMessageContaining("longer");
  }

  @Test
  void aFolderOrFifoInItsPlaceIsAProblemNotACrash() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.createDirectory(run.resolve(Annotations.FILE));
    assertThat(Annotations.read(run).problem()).isNotNull();
  }
}
