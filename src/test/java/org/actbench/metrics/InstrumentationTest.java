package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.Kernels;
import org.actbench.engine.train.BiasShift;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.Histograms;
import org.actbench.engine.train.LayerDrift;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Measuring a run never changes it, and every measurement arrives when it should. */
class InstrumentationTest {

  static TrainSpec spec(MetricsSettings metrics, Kernels kernels) {
    // BN and dropout: the probe must neither move running statistics nor draw masks
    return TrainSpec.builder()
        .activation("elu")
        .depth(3)
        .width(8)
        .batchNorm(true)
        .dropout(0.2)
        .momentum(0.9)
        .batch(32)
        .steps(12)
        .evalEvery(100)
        .seed(4)
        .data("sample")
        .augment(true)
        .metrics(metrics)
        .kernels(kernels)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Kernels.class)
  void theSameLossCurveWithAndWithoutMeasurementsAndRecordsAtTheirSteps(Kernels kernels) {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    MetricsSettings settings =
        new MetricsSettings(2, 4, 30, new ProbeSettings(3, 16, "true", "unit", 1e-3, 512));
    List<Double> plain = new ArrayList<>();
    new Runner(spec(settings, kernels), sample, null, Progress.NONE)
        .runUnmeasured(losses(plain), () -> false);

    List<Double> measured = new ArrayList<>();
    List<DriftRecord> drift = new ArrayList<>();
    List<Long> histogramSteps = new ArrayList<>();
    List<List<BiasShiftRecord>> shifts = new ArrayList<>();
    TrainingSink collect =
        event -> {
          if (event instanceof DriftRecord d) {
            drift.add(d);
          } else if (event instanceof Histograms h) {
            histogramSteps.add(h.layers().get(0).step());
          } else if (event instanceof BiasShift b) {
            shifts.add(b.layers());
          }
        };
    new Runner(spec(settings, kernels), sample, null, Progress.NONE)
        .run(TrainingSink.all(losses(measured), collect), () -> false);

    assertThat(measured).containsExactlyElementsOf(plain); // bit for bit
    // measured on logged steps (every 2nd, the first, probe steps), histograms among them
    assertThat(drift)
        .extracting(DriftRecord::step)
        .containsExactly(1L, 2L, 3L, 4L, 6L, 8L, 9L, 10L, 12L);
    assertThat(drift).allMatch(DriftRecord::logged);
    assertThat(drift.get(0).layers())
        .extracting(LayerDrift::layer)
        .containsExactly("act1", "act2", "act3");
    assertThat(histogramSteps).containsExactly(1L, 4L, 8L, 12L);
    assertThat(shifts).extracting(s -> s.get(0).step()).containsExactly(1L, 3L, 6L, 9L, 12L);
    for (List<BiasShiftRecord> s : shifts) {
      assertThat(s).extracting(BiasShiftRecord::layer).containsExactly("conv2", "conv3", "fc1");
      for (BiasShiftRecord r : s) {
        assertThat(r.rho()).isBetween(0.0, 1.0);
        assertThat(r.cosine()).isBetween(-1.0, 1.0);
        assertThat(r.muNorm()).isPositive();
      }
    }
  }

  static TrainingSink losses(List<Double> into) {
    return event -> {
      if (event instanceof StepRecord step) {
        into.add(step.trainLoss());
      }
    };
  }
}
