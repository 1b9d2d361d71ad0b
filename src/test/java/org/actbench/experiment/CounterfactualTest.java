package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.Kernels;
import org.junit.jupiter.api.Test;

/** The counterfactual's runs and its verdict on made-up outcomes, whichever way they fall. */
class CounterfactualTest {
  @Test
  void eachSeedRunsReluReluCorrectedAndEluOnTheSameDepthEightNet() {
    List<TrainSpec> specs = new Counterfactual(2, 40, "sample", Kernels.ND4J).specs();
    assertThat(specs)
        .extracting(Counterfactual::arm)
        .containsExactly("relu", "relu+correction", "elu", "relu", "relu+correction", "elu");
    assertThat(specs).extracting(TrainSpec::seed).containsExactly(1L, 1L, 1L, 2L, 2L, 2L);
    assertThat(specs).allMatch(s -> s.depth() == 8 && s.steps() == 40 && s.evalEvery() == 40);
    assertThat(specs.get(1).correctBiasShift()).isEqualTo(CorrectionKind.SHARED);
    assertThat(specs.get(1).toBuilder().correctBiasShift(CorrectionKind.OFF).build())
        .as("the corrected arm differs from ReLU's in the correction only")
        .isEqualTo(specs.get(0));
    assertThat(Preset.parse("counterfactual").specs("sample", 1, 10)).hasSize(3);
  }

  /** Three seeds whose losses are constant per run: relu, relu+correction, elu. */
  static List<Counterfactual.Run> runs(double[][] losses) {
    List<Counterfactual.Run> out = new ArrayList<>();
    for (int seed = 0; seed < losses.length; seed++) {
      for (int arm = 0; arm < 3; arm++) {
        double[] l = new double[10];
        java.util.Arrays.fill(l, losses[seed][arm]);
        out.add(
            new Counterfactual.Run(
                Counterfactual.ARMS.get(arm), seed + 1, l, arm == 1 ? 12 : 10, "finished"));
      }
    }
    return out;
  }

  static String verdicts(double[][] losses) {
    return new Counterfactual(3, 10, "sample", Kernels.ND4J).summaryText(runs(losses), "sample");
  }

  @Test
  void theVerdictSaysYesPartlyOrNoAsTheIntervalsFall() {
    assertThat(verdicts(new double[][] {{2.0, 1.5, 1.5}, {2.1, 1.6, 1.61}, {2.2, 1.7, 1.69}}))
        .contains("Verdict: yes")
        .contains("a corrected step takes 1.200x");
    assertThat(verdicts(new double[][] {{2.0, 1.8, 1.5}, {2.1, 1.9, 1.6}, {2.2, 2.01, 1.7}}))
        .contains("Verdict: partly");
    assertThat(verdicts(new double[][] {{2.0, 2.0, 1.5}, {2.1, 2.12, 1.6}, {2.2, 2.18, 1.7}}))
        .contains("Verdict: no: the correction does not measurably narrow the gap");
    assertThat(verdicts(new double[][] {{2.0, 2.3, 1.5}, {2.1, 2.4, 1.6}, {2.2, 2.52, 1.7}}))
        .contains("Verdict: no: the correction makes ReLU worse");
    assertThat(verdicts(new double[][] {{2.0, 2.0, 2.1}, {2.1, 2.1, 2.0}, {2.2, 2.2, 2.2}}))
        .contains("Verdict: ELU is not significantly ahead of ReLU");
  }
}
