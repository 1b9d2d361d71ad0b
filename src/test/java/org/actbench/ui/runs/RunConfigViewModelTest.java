package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;
import org.junit.jupiter.api.Test;

/** The form's rules, without a Stage. */
class RunConfigViewModelTest {
  @Test
  void queuesEveryActivationDepthAndSeedInFormOrder() {
    RunConfigViewModel m = new RunConfigViewModel();
    m.activations().setAll("relu", "elu", "srelu");
    m.depthsProperty().set("2, 8");
    m.seedsProperty().set("1,2");
    m.alphaProperty().set("0.5");
    assertThat(m.validate()).isTrue();
    List<TrainSpec> specs = m.specs();
    assertThat(specs).hasSize(12);
    assertThat(specs)
        .extracting(TrainSpec::shortName)
        .startsWith(
            "elu-d2-w16-s1",
            "elu-d8-w16-s1",
            "relu-d2-w16-s1",
            "relu-d8-w16-s1",
            "srelu-d2-w16-s1");
    assertThat(specs.get(0).activation().alpha()).isEqualTo(0.5);
    assertThat(specs.get(2).activation().alpha()).isNull(); // α belongs to ELU only
  }

  @Test
  void epochsBecomeStepsFromTheDataAndBatchSize() {
    RunConfigViewModel m = new RunConfigViewModel();
    m.dataProperty().set("sample");
    m.batchProperty().set("64");
    m.epochsProperty().set("2");
    assertThat(m.specs().get(0).steps()).isEqualTo(2 * (5000 / 64)); // 78 full batches per epoch
    m.dataProperty().set("/data/cifar-10-binary.tar.gz");
    m.perClassProperty().set("100");
    assertThat(m.specs().get(0).steps()).isEqualTo(2 * (1000 / 64));
    m.epochsProperty().set("");
    assertThat(m.specs().get(0).steps()).isEqualTo(300); // the Steps field again
    m.epochsProperty().set("-1");
    assertThat(m.validate()).isFalse();
    assertThat(m.errors().get("epochs")).isEqualTo("epochs must be a number > 0, got -1");
  }

  @Test
  void everyBadFieldIsNamedAndNothingIsQueued() {
    RunConfigViewModel m = new RunConfigViewModel();
    m.activations().clear();
    m.lrProperty().set("fast");
    m.depthsProperty().set("0");
    m.dropoutProperty().set("1");
    m.parallelProperty().set("");
    assertThat(m.validate()).isFalse();
    assertThat(m.errors()).containsOnlyKeys("activations", "lr", "depths", "dropout", "parallel");
    assertThat(m.errors().get("lr")).isEqualTo("learning rate: expected a number, got 'fast'");
    assertThat(m.errors().get("depths")).isEqualTo("depths must be 1..20, got 0");
    assertThat(m.errors().get("dropout")).isEqualTo("dropout must be in [0.0, 1.0), got 1");
    assertThatThrownBy(m::specs).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBlankMeasureBudgetMeasuresAtTheGivenIntervalsAndABadOneIsNamed() {
    RunConfigViewModel m = new RunConfigViewModel();
    m.activations().setAll("elu");
    assertThat(m.specs().get(0).metrics().measureBudget())
        .isEqualTo(MetricsSettings.DEFAULT_BUDGET)
        .isEqualTo(15.0);
    m.measureBudgetProperty().set(" ");
    assertThat(m.validate()).isTrue();
    assertThat(m.specs().get(0).metrics().measureBudget()).isNull();
    for (String bad : new String[] {"0", "-1", "NaN", "Infinity", "101", "1e999", "lots"}) {
      m.measureBudgetProperty().set(bad);
      assertThat(m.validate()).as(bad).isFalse();
      assertThat(m.errors()).as(bad).containsOnlyKeys("measureBudget");
    }
  }
}
