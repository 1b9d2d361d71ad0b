package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.SettingChange.Setting;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.testing.Cli;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live changes of the learning rate and momentum (issue 16 point 3). */
class LiveChangesTest {
  @TempDir Path tmp;

  private static Cifar10 sample;

  private static final TrainSpec SPEC =
      TinySpecs.builder()
          .activation("elu")
          .depth(2)
          .steps(16)
          .evalEvery(16)
          .seed(2)
          .metrics(
              new MetricsSettings(
                  4, 0, 10, new ProbeSettings(0, 16, "empirical", "shared", 1e-4, 256)))
          .build();

  private static final List<SettingChange> SCHEDULE =
      List.of(
          new SettingChange(5, Setting.LR, 0.05, "schedule"),
          new SettingChange(10, Setting.MOMENTUM, 0.5, "schedule"));

  @BeforeAll
  static void read() {
    sample = Cifar10Reader.read(new SampleSource());
  }

  private Runner runner() {
    return new Runner(SPEC, sample, null, Progress.NONE);
  }

  @Test
  void aScheduleHoldsFromItsStepsIsRecordedAndKeptOnResume() throws Exception {
    RunFolder whole = RunFolder.create(tmp.resolve("whole"), SPEC);
    whole.setSchedule(SCHEDULE);
    whole.train(runner(), TrainingSink.NONE, () -> false, 0);
    RunData.Curve lr = RunData.curve(whole.dir(), "lr", null);
    assertThat(lr.values()[4]).as("step 5").isEqualTo(0.01);
    assertThat(lr.values()[5]).as("step 6").isEqualTo(0.05);
    assertThat(EventsCsv.read(whole.dir().resolve(EventsCsv.FILE), "")).isEqualTo(SCHEDULE);

    RunFolder stopped = RunFolder.create(tmp.resolve("stopped"), SPEC);
    stopped.setSchedule(SCHEDULE);
    AtomicLong at = new AtomicLong();
    TrainingSink count = e -> at.set(e instanceof StepRecord s ? s.step() : at.get());
    stopped.train(runner(), count, () -> at.get() >= 8, 0); // a checkpoint at 8, where it stopped
    stopped.resume(runner(), TrainingSink.NONE, () -> false, null);

    RunData.Curve a = RunData.curve(whole.dir(), "train_loss", null);
    RunData.Curve b = RunData.curve(stopped.dir(), "train_loss", null);
    assertThat(b.steps()).containsExactly(a.steps());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.values()[i]).as("step %d", i + 1).isCloseTo(a.values()[i], within(1e-6));
    }
    assertThat(EventsCsv.read(stopped.dir().resolve(EventsCsv.FILE), "")).isEqualTo(SCHEDULE);
  }

  @Test
  void aWatchedFileThatIsMissingOrGoneIsSaidOnceNotIgnored() throws Exception {
    // a missing or deleted --watch file was ignored without a word
    Runner runner = runner();
    Path file = tmp.resolve("later.properties");
    List<String> warnings = new ArrayList<>();
    try (WatchedSettings watched = new WatchedSettings(file, runner.loop().live(), warnings::add)) {
      watched.poll(true);
      assertThat(warnings)
          .containsExactly(
              file
                  + " is not there: nothing is read from it until it is; the run's settings stay"
                  + " as they are");
      Files.writeString(file, "lr=0.02\n");
      watched.poll(true);
      Files.delete(file);
      watched.poll(true);
      watched.poll(true);
      assertThat(warnings).hasSize(2); // said again once it had come back and gone
    }
  }

  @Test
  void aChangeAskedForWhileItTrainsHoldsFromTheNextStepAndIsRecordedWithItsStep() throws Exception {
    RunFolder run = RunFolder.create(tmp.resolve("live"), SPEC);
    Runner runner = runner();
    Path file = tmp.resolve("watch.properties");
    Files.writeString(file, "lr=0.01\n");
    List<String> warnings = new ArrayList<>();
    try (WatchedSettings watched = new WatchedSettings(file, runner.loop().live(), warnings::add)) {
      TrainingSink user =
          e -> {
            if (e instanceof StepRecord s && s.step() == 3) {
              runner.loop().live().request(Setting.LR, 0.02, "window");
            } else if (e instanceof StepRecord s && s.step() == 9) {
              try {
                Files.writeString(file, "lr=0.01\nmomentum=0.3\n");
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
              } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
              }
              watched.poll(true); // what its timer does twice a second
            }
          };
      run.train(runner, user, () -> false, 0);
    }
    assertThat(warnings).isEmpty();
    RunData.Curve lr = RunData.curve(run.dir(), "lr", null);
    assertThat(lr.values()[2]).as("step 3").isEqualTo(0.01);
    assertThat(lr.values()[3]).as("step 4").isEqualTo(0.02);
    assertThat(EventsCsv.read(run.dir().resolve(EventsCsv.FILE), ""))
        .containsExactly(
            new SettingChange(3, Setting.LR, 0.02, "window"),
            new SettingChange(9, Setting.MOMENTUM, 0.3, "watch"));
  }

  @Test
  void aBadScheduleFileIsOneErrorLineNamingItsLine() throws Exception {
    Path file = tmp.resolve("schedule.csv");
    Files.writeString(file, "step,setting,value\n10,lr,0.05\n20,speed,2\n");
    Cli.Result r =
        Cli.run(
            tmp,
            "train",
            "--data",
            "sample",
            "--depth",
            "1",
            "--width",
            "2",
            "--steps",
            "2",
            "--schedule",
            file.toString(),
            "--out",
            tmp.resolve("runs").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("error: " + file + " line 3: a live change sets lr or momentum");
    Files.writeString(file, "step,setting,value\n10,momentum,0.5\n");
    Cli.Result adam =
        Cli.run(
            tmp,
            "train",
            "--data",
            "sample",
            "--depth",
            "1",
            "--width",
            "2",
            "--steps",
            "2",
            "--optimizer",
            "adam",
            "--schedule",
            file.toString(),
            "--out",
            tmp.resolve("runs").toString());
    assertThat(adam.code()).isEqualTo(2);
    assertThat(adam.errLines()).singleElement().asString().contains("--schedule").contains("Adam");
    assertThat(Files.exists(tmp.resolve("runs")) ? Files.list(tmp.resolve("runs")).count() : 0)
        .isZero();
  }
}
