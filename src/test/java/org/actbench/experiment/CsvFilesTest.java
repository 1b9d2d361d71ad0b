package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFilesTest {
  @TempDir Path tmp;

  @Test
  void aFileFromAnEarlierVersionGetsTheNewColumnsBeforeRowsAreAppended() throws IOException {
    Path file = tmp.resolve("layers.csv");
    Files.writeString(file, "step,layer,a\n1,act1,0.5\n2,act1,0.25\n3,act1,0."); // last line cut short
    try (BufferedWriter out = CsvFiles.openForAppend(file, "step,layer,a,b,c")) {
      out.write("3,act1,0.125,1,2\n");
    }
    assertThat(Files.readString(file)).isEqualTo("step,layer,a,b,c\n1,act1,0.5,,\n2,act1,0.25,,\n3,act1,0.125,1,2\n");
  }

  @Test
  void aFileWithOtherColumnsIsRefusedAndLeftAsItWas() throws IOException {
    Path file = tmp.resolve("metrics.csv");
    Files.writeString(file, "step,loss\n1,2.3\n");
    assertThatThrownBy(() -> CsvFiles.openForAppend(file, "step,train_loss"))
        .hasMessage("metrics.csv line 1: expected the header 'step,train_loss' (or its first columns), got 'step,loss'");
    assertThat(Files.readString(file)).isEqualTo("step,loss\n1,2.3\n");
  }
}
