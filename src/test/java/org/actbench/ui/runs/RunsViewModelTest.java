package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.actbench.chart.Heatmap;
import org.actbench.chart.Line;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.export.RunStyles;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Runs tab's logic without a Stage: this test's thread plays the FX thread, running what the
 * readers hand back and what the door does five times a second.
 */
class RunsViewModelTest {
  @TempDir static Path store;
  private static final Cifar10 SAMPLE = Cifar10Reader.read(new SampleSource());
  private static String finishedId;
  private final FxQueue fx = new FxQueue();
  private RunsViewModel model;

  /** Yesterday's work: a finished ELU run of 30 steps. */
  @BeforeAll
  static void yesterday() throws Exception {
    TrainSpec spec = TinySpecs.of("elu", 2, 1, 30, 10, null);
    RunFolder folder = RunFolder.create(store, spec);
    folder.train(new Runner(spec, SAMPLE, null, Progress.NONE), TrainingSink.NONE, () -> false);
    finishedId = folder.id();
  }

  @BeforeEach
  void open() {
    model = new RunsViewModel(store, store.resolve("cache"), d -> SAMPLE, List.of("sample"), fx);
    model.start();
  }

  @AfterEach
  void close() {
    model.shutdown();
  }

  /** What the readers hand to the FX thread; run here, with the door's drain and refresh. */
  private static final class FxQueue implements Executor {
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }
  }

  private void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Runnable task = fx.tasks.poll(20, TimeUnit.MILLISECONDS);
      if (task != null) {
        task.run();
      }
      model.drain(); // the door's tick
      model.refresh();
    }
  }

  @Test
  void storedRunsAreListedReadOnlyAndTheirFilesReadWhenSelected() throws Exception {
    assertThat(model.placeholder().get()).isEqualTo("Reading the run store…");
    waitUntil("the store's runs", () -> !model.storedRuns().isEmpty());
    assertThat(model.placeholder().get()).startsWith("No runs yet");
    LiveRun stored = model.storedRuns().get(0);
    assertThat(stored.label()).isEqualTo(finishedId);
    assertThat(stored.status.get()).isEqualTo("Finished (stored)");
    assertThat(stored.steps.get()).isEqualTo("30 / 30");

    model.selection().setAll(stored);
    waitUntil("its files", () -> stored.trainLoss.size() == 30);
    Line test = line(finishedId + " test");
    assertThat(test.markers()).isTrue();
    assertThat(test.series().size()).isEqualTo(3); // evaluations at 10, 20, 30
    assertThat(test.argb()).isEqualTo(RunStyles.colour("elu"));
    assertThat(model.choices().meansLayers()).containsExactly("network", "act1", "act2");
    assertThat(model.choices().meansLayer().get()).isEqualTo("network");
    assertThat(model.choices().histLayers()).containsExactly("act1", "act2");
    assertThat(stored.drift.get("act1").median().size()).isEqualTo(stored.networkMedian.size());
    model.choices().meansLayer().set("act2"); // the choice redraws with the layer's quartile band
    assertThat(model.figures().means.lines())
        .singleElement()
        .satisfies(l -> assertThat(l.low()).isNotNull());

    model.choices().panelsShown().set(true); // the heatmap's tab
    assertThat(model.figures().heatmaps.figures())
        .singleElement()
        .extracting(f -> f.title())
        .isEqualTo("Median unit mean per layer: " + finishedId);
    Heatmap confusion = (Heatmap) model.figures().confusions.figures().get(0);
    assertThat(confusion.title()).endsWith("(not stored: shown while a run trains)");

    model.pauseSelected();
    assertThat(model.message().get()).contains("read-only");
  }

  /**
   * A callout the Compare tab keeps in a run's folder while the Runs tab shows that run: shown once
   * the Runs tab reads its callouts again (when it comes back into view), not only after a restart.
   */
  @Test
  void calloutsWrittenByAnotherTabShowWhenReadAgain() throws Exception {
    waitUntil("the store's runs", () -> !model.storedRuns().isEmpty());
    LiveRun stored = model.storedRuns().get(0);
    model.selection().setAll(stored);
    waitUntil("its files", () -> stored.trainLoss.size() == 30);
    assertThat(model.callouts("loss")).isEmpty();

    Annotations.Note note = new Annotations.Note("loss", 12, 2.1, "from Compare");
    Annotations.add(stored.stored().dir(), note);
    try {
      model.refresh();
      assertThat(model.callouts("loss")).isEmpty(); // read once: the tab does not poll the files
      model.rereadCallouts();
      waitUntil("the callout read again", () -> !model.callouts("loss").isEmpty());
      assertThat(model.callouts("loss"))
          .singleElement()
          .satisfies(c -> assertThat(c.text()).isEqualTo("from Compare"));
    } finally {
      Annotations.remove(stored.stored().dir(), note);
    }
  }

  @Test
  void queuedRunsAreSelectedNamedApartAndFillTheirTypedSeries() throws Exception {
    model.config().activations().setAll("elu");
    model.config().depthsProperty().set("2");
    model.config().widthProperty().set("4");
    model.config().batchProperty().set("16");
    model.config().stepsProperty().set("20");
    model.config().parallelProperty().set("2");
    model.config().measureBudgetProperty().set(""); // the intervals as given: 20 steps pay for none
    model.queueAll();
    model.queueAll(); // the same form again: the same name would not tell the runs apart
    assertThat(model.liveRuns())
        .extracting(LiveRun::label)
        .containsExactly("elu-d2-w4-s1 (sample)", "elu-d2-w4-s1 (sample) #2");
    assertThat(model.selection()).containsExactly(model.liveRuns().get(1));
    assertThat(model.message().get()).isEqualTo("Queued 1 run.");

    waitUntil(
        "both runs to end and their rows to say so",
        () -> model.liveRuns().stream().allMatch(r -> r.status.get().startsWith("Finished")));
    model.selection().setAll(model.liveRuns());
    waitUntil("every record drained", () -> model.liveRuns().get(0).trainLoss.size() == 20);
    LiveRun run = model.liveRuns().get(0);
    assertThat(run.steps.get()).isEqualTo("20 / 20");
    assertThat(run.testLoss.size()).isEqualTo(10); // every 2 steps
    assertThat(run.drift.keySet()).containsExactly("act1", "act2");
    assertThat(run.drift.get("act1").q25().size()).isEqualTo(run.networkMedian.size());
    assertThat(run.biasShift).isNotEmpty();
    assertThat(run.histograms).extracting(h -> h.layer()).containsExactly("act1", "act2");
    assertThat(model.kernelsLine().get()).startsWith(" · runs on ");
    assertThat(model.figures().loss.lines()).hasSize(4);

    model.choices().panelsShown().set(true);
    assertThat(model.figures().heatmaps.figures())
        .extracting(f -> f.title())
        .containsExactly("elu-d2-w4-s1 (sample)", "elu-d2-w4-s1 (sample) #2");
    Heatmap confusion = (Heatmap) model.figures().confusions.figures().get(0);
    assertThat(confusion.title()).isEqualTo("elu-d2-w4-s1 (sample), step 20");

    Measurements.Measured m = model.measured("elu", 1);
    assertThat(m.run()).isEqualTo("elu-d2-w4-s1 (sample)"); // the selected first
    assertThat(m.layer()).isEqualTo("act1");
  }

  @Test
  void actionsWithoutASelectionOrAValidFormSayWhy() {
    model.pauseSelected();
    assertThat(model.message().get()).isEqualTo("Select runs to pause first.");
    model.stepSelected();
    assertThat(model.message().get()).isEqualTo("Select runs to step first.");
    model.config().lrProperty().set("-1");
    assertThat(model.planPreset(Preset.values()[0])).isNull();
    assertThat(model.message().get()).startsWith("The form has errors");
    model.queueAll();
    assertThat(model.liveRuns()).isEmpty();
  }

  private Line line(String label) {
    return model.figures().loss.lines().stream()
        .filter(l -> l.label().equals(label))
        .findFirst()
        .orElseThrow();
  }
}
