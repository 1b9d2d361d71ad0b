package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(Annotations.FILE, Annotations.LOCK);
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
  void aWriteThatFailsAsAFullDiskDoesKeepsTheNotesBeforeItAndLeavesNoTemporary() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(run.resolve("spec.json"), "{}");
    Note a = new Note("loss", 1, 2, "before");
    Annotations.add(run, a);
    Annotations.Write full =
        (file, content) -> {
          Files.write(file, Arrays.copyOf(content, content.length / 2));
          throw new IOException("No space left on device");
        };
    assertThatThrownBy(() -> Annotations.add(run, new Note("loss", 2, 2, "lost"), full))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + run.resolve(Annotations.FILE) + ": No space left on device");
    assertThat(Annotations.read(run)).isEqualTo(new Annotations.Read(List.of(a), null));
    try (var files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("spec.json", Annotations.FILE, Annotations.LOCK);
    }
    assertThat(Files.readString(run.resolve("spec.json"))).isEqualTo("{}");
  }

  @Test
  void aKilledWritersTemporaryIsRemovedAndTwoDamagedFilesAreBothKept() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("killed"));
    Files.writeString(run.resolve(".annotations-123.tmp"), "{\"notes\": [");
    Files.writeString(run.resolve(Annotations.FILE), "garbage one");
    Annotations.add(run, new Note("loss", 1, 1, "a"));
    Files.writeString(run.resolve(Annotations.FILE), "garbage two");
    Annotations.add(run, new Note("loss", 1, 1, "b"));
    assertThat(Files.readString(run.resolve(Annotations.DAMAGED))).isEqualTo("garbage one");
    assertThat(Files.readString(run.resolve("annotations.damaged-2.json")))
        .isEqualTo("garbage two");
    assertThat(Files.exists(run.resolve(".annotations-123.tmp"))).isFalse();
    assertThat(Annotations.read(run).notes()).extracting(Note::text).containsExactly("b");
  }

  @Test
  void aHugeFileIsAProblemNotAnOutOfMemory() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("huge"));
    try (var out =
        FileChannel.open(
            run.resolve(Annotations.FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(new byte[] {' '}), Annotations.MAX_BYTES + 1);
    }
    assertThat(Annotations.read(run).problem()).contains("more than callouts ever take");
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
