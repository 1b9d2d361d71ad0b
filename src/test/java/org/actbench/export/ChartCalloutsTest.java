package org.actbench.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.actbench.chart.Callout;
import org.actbench.chart.Exports;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Smoothing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which key a chart of stored runs keeps its callouts under, and where the explorer's go. */
class ChartCalloutsTest {
  private static FigureExport.Request request(
      ChartKind chart, String metric, String layer, String paired, List<String> groupBy) {
    return new FigureExport.Request(
        chart,
        List.of(),
        groupBy,
        metric,
        layer,
        Smoothing.parse("ema:0.9"),
        Exports.Format.SVG,
        640,
        400,
        150,
        false,
        paired,
        false,
        false);
  }

  @Test
  void aChartOfTheRunsTabsQuantityUsesItsKeyAnythingElseItsOwn() {
    List<String> none = List.of();
    List<String> act = List.of("activation");
    // the Runs tab's keys: loss, accuracy, unit-means:<layer or network>; grouping and smoothing
    // do not change what a point means
    assertThat(ChartCallouts.key(request(ChartKind.LOSS, null, null, null, act))).isEqualTo("loss");
    assertThat(ChartCallouts.key(request(ChartKind.LOSS, "train_loss", null, null, none)))
        .isEqualTo("loss");
    assertThat(ChartCallouts.key(request(ChartKind.ACCURACY, null, null, null, none)))
        .isEqualTo("accuracy");
    assertThat(ChartCallouts.key(request(ChartKind.UNIT_MEANS, null, null, null, act)))
        .isEqualTo("unit-means:network");
    assertThat(ChartCallouts.key(request(ChartKind.UNIT_MEANS, null, "act2", null, act)))
        .isEqualTo("unit-means:act2");
    // another quantity on the same chart, or a difference to a baseline: a key of its own
    assertThat(ChartCallouts.key(request(ChartKind.LOSS, null, null, "relu", act)))
        .isEqualTo("loss:train_loss:minus-relu");
    assertThat(ChartCallouts.key(request(ChartKind.LOSS, "test_loss", null, null, act)))
        .isEqualTo("loss:test_loss");
    assertThat(
            ChartCallouts.key(request(ChartKind.BIAS_SHIFT, "natgrad_cosine", "conv2", null, act)))
        .isEqualTo("bias-shift:conv2:natgrad_cosine");
    assertThat(ChartCallouts.key(request(ChartKind.EXPLORER, null, null, null, none)))
        .isEqualTo(ChartCallouts.EXPLORER);
  }

  @Test
  void theExplorersCalloutsAreTheStoresAndDrawnOnce(@TempDir Path store) throws Exception {
    FigureExport.Request explorer = request(ChartKind.EXPLORER, null, null, null, List.of());
    assertThat(ChartCallouts.owner(explorer, store, null)).isEqualTo(store);
    ChartCallouts.add(explorer, store, null, new Callout(1, 0.5, "the knee"));
    Annotations.add(store, new Annotations.Note("loss", 1, 0.5, "not the explorer's"));
    Annotations.add(store, new Annotations.Note(ChartCallouts.EXPLORER, 1, 0.5, "the knee"));
    assertThat(ChartCallouts.of(explorer, store)).containsExactly(new Callout(1, 0.5, "the knee"));
    ChartCallouts.remove(explorer, store, new Callout(1, 0.5, "the knee"));
    assertThat(ChartCallouts.of(explorer, store)).isEmpty();
    assertThat(Annotations.read(store).notes())
        .extracting(Annotations.Note::text)
        .containsExactly("not the explorer's");
    // a comparison without runs keeps nothing
    assertThat(
            ChartCallouts.owner(request(ChartKind.LOSS, null, null, null, List.of()), store, "x"))
        .isNull();
  }
}
