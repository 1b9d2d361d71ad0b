package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    Files.writeString(
        file, "step,layer,a\n1,act1,0.5\n2,act1,0.25\n3,act1,0."); // last line cut short
    try (AppendFile out = CsvFiles.openForAppend(file, "step,layer,a,b,c")) {
      out.record("3", "act1", "0.125", "1", "2");
    }
    assertThat(Files.readString(file))
        .isEqualTo("step,layer,a,b,c\n1,act1,0.5,,\n2,act1,0.25,,\n3,act1,0.125,1,2\n");
  }

  @Test
  void theLastLoggedLayerMomentsAreReadInLayerOrderAndOldFilesHaveNone() throws IOException {
    String header = "step,layer,receiver,input_mean,input_var,output_mean,output_var\n";
    Files.writeString(
        tmp.resolve("layers.csv"),
        header
            + "10,act1,conv2,0.1,1.1,0.2,0.6\n10,act2,fc1,0.3,1.3,0.4,0.7\n"
            + "20,act1,conv2,0.5,1.5,0.6,0.8\n20,act2,fc1,0.7,1.7,0.8,0.9\n20,act3,fc2,"); // cut
    // short
    assertThat(RunData.lastLayerMoments(tmp))
        .containsExactly(
            new RunData.LayerMoments(20, "act1", 0.5, 1.5, 0.6, 0.8),
            new RunData.LayerMoments(20, "act2", 0.7, 1.7, 0.8, 0.9));
    Files.writeString(tmp.resolve("layers.csv"), header + "10,act1,conv2,0.1,x,0.2,0.6\n");
    assertThatThrownBy(() -> RunData.lastLayerMoments(tmp))
        .hasMessage("layers.csv line 2, column 'input_var': expected a number, got 'x'");
    Files.writeString(
        tmp.resolve("layers.csv"), "step,layer,receiver,unit_mean_median\n10,act1,conv2,0.5\n");
    assertThat(RunData.lastLayerMoments(tmp)).isEmpty(); // written before the moments existed
  }

  @Test
  void layerCurvesAndTheLastHistogramIgnoreALineCutShortByACrash() throws IOException {
    Files.writeString(
        tmp.resolve("layers.csv"),
        "step,layer,unit_mean_median\n1,act1,0.5\n1,act2,0.25\n"
            + "10,act1,0.4\n10,act2,0.2\n20,act1,0.");
    java.util.Map<String, RunData.Curve> curves = RunData.layerCurves(tmp, "unit_mean_median");
    assertThat(curves.keySet()).containsExactly("act1", "act2");
    assertThat(curves.get("act1").steps()).containsExactly(1, 10);
    assertThat(curves.get("act2").values()).containsExactly(0.25, 0.2);
    Files.writeString(
        tmp.resolve("histograms.csv"),
        "step,layer,bin,lo,hi,count\n"
            + "1,act1,0,-1,0,3\n1,act1,1,0,1,5\n2,act2,0,0,1,9\n5,act1,0,-2,0,4\n5,act1,1,0,2,6\n9,act1,0,-1,0,");
    RunData.StoredHistogram h = RunData.lastHistogram(tmp, null);
    assertThat(h.layer()).isEqualTo("act1");
    assertThat(h.step()).isEqualTo(5);
    assertThat(h.lo()).isEqualTo(-2);
    assertThat(h.hi()).isEqualTo(2);
    assertThat(h.counts()).containsExactly(4, 6);
    assertThat(RunData.lastHistogram(tmp, "act9")).isNull();
  }

  @Test
  void aCrlfCopyReadsAsTheSameHeader() throws IOException {
    Path file = tmp.resolve("metrics.csv");
    Files.writeString(file, "step,a\r\n1,0.5\r\n");
    try (AppendFile out = CsvFiles.openForAppend(file, "step,a")) {
      out.record("2", "0.25");
    }
    assertThat(Files.readString(file))
        .isEqualTo("step,a\r\n1,0.5\r\n2,0.25\n"); // same header: untouched
    Files.writeString(file, "step,a\r\n1,0.5\r\n");
    CsvFiles.openForAppend(file, "step,a,b").close();
    assertThat(Files.readString(file)).isEqualTo("step,a,b\n1,0.5,\n");
  }

  @Test
  void aFileWithOtherColumnsIsRefusedAndLeftAsItWas() throws IOException {
    Path file = tmp.resolve("metrics.csv");
    Files.writeString(file, "step,loss\n1,2.3\n");
    assertThatThrownBy(() -> CsvFiles.openForAppend(file, "step,train_loss"))
        .hasMessage(
            "metrics.csv line 1: expected the header 'step,train_loss' (or its first columns), got 'step,loss'");
    assertThat(Files.readString(file)).isEqualTo("step,loss\n1,2.3\n");
  }

  @Test
  void aLayerNameWithCommasQuotesAndLineEndsSurvivesWritingCuttingAndReading() throws IOException {
    Path file = tmp.resolve("layers.csv");
    String name = "act \"1\", first\nof two";
    try (AppendFile out = CsvFiles.openForAppend(file, "step,layer,unit_mean_median")) {
      out.record("1", name, "0.5");
      out.record("2", name, "0.25");
      out.record("3", "act2", "0.125");
    }
    Files.writeString(file, Files.readString(file) + "4,\"act 3,\ncut"); // cut inside a quoted cell
    assertThat(RunData.layerCurves(tmp, "unit_mean_median").keySet()).containsExactly(name, "act2");
    CsvFiles.cutAfter(java.util.List.of(file), 2);
    java.util.Map<String, RunData.Curve> curves = RunData.layerCurves(tmp, "unit_mean_median");
    assertThat(curves.keySet()).containsExactly(name);
    assertThat(curves.get(name).values()).containsExactly(0.5, 0.25);
    CsvFiles.openForAppend(file, "step,layer,unit_mean_median,b").close(); // new column added
    assertThat(RunData.layerCurves(tmp, "unit_mean_median").keySet()).containsExactly(name);
    assertThat(RunData.receivers(tmp)).isEmpty();
  }

  @Test
  void aQuoteLeftOpenOrTextAfterAClosingQuoteNamesTheFileAndLine() throws IOException {
    Files.writeString(
        tmp.resolve("layers.csv"),
        "step,layer,unit_mean_median\n1,act1,0.5\n" + "2,\"act1\"x,0.25\n3,act1,0.125\n");
    assertThatThrownBy(() -> RunData.layerCurves(tmp, "unit_mean_median"))
        .hasMessage("layers.csv line 3: expected a comma or line end after a closing quote");
    Files.writeString(
        tmp.resolve("layers.csv"),
        "step,layer,unit_mean_median\n1,act1,0.5\n" + "2,\"act1,0.25\n3,act1,0.125\n");
    assertThatThrownBy(() -> RunData.layerCurves(tmp, "unit_mean_median"))
        .hasMessage("layers.csv line 3: expected a closing quote");
  }

  @Test
  void aMetricsCsvWrittenBeforeCommonsCsvReadsAsItDid() throws IOException {
    Files.writeString(
        tmp.resolve("metrics.csv"),
        "step,epoch,train_loss,train_acc,test_loss,test_acc,"
            + "lr,seconds\n1,0,2.30259,0.100000,,,0.0100000,0.512\n2,0,2.25000,0.125000,2.20000,0.150000,"
            + "0.0100000,0.987\n3,0,2.2");
    assertThat(RunData.curve(tmp, "train_loss", null).values()).containsExactly(2.30259, 2.25);
    assertThat(RunData.curve(tmp, "test_acc", null).steps()).containsExactly(2);
  }
}
