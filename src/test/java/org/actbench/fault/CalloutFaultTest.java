package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Annotations.Note;
import org.actbench.experiment.Json;
import org.actbench.experiment.RunStatus;
import org.actbench.experiment.RunStore;
import org.actbench.testing.FileSnapshot;
import org.actbench.testing.Processes;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's callouts attacked: kill -9 while a callout is written, a disk that fills up, a damaged
 * file. The run's other files never change, the callouts saved before survive whole, and a damaged
 * file harms only that run's callouts (issue 16, callout persistence).
 */
@Tag("fault")
class CalloutFaultTest {
  @TempDir Path tmp;

  /** A finished run's files (as the store lists it) and two callouts. */
  private static Path run(Path store, String id) throws Exception {
    Path dir = Files.createDirectories(store.resolve(id));
    Json.write(dir.resolve("spec.json"), TinySpecs.of("elu", 2, 1, 3, 3, null));
    Json.write(dir.resolve("status.json"), RunStatus.queued().ended("finished", 3, ""));
    Files.writeString(
        dir.resolve("metrics.csv"),
        "step,epoch,train_loss,train_acc,test_loss,test_acc,lr,seconds\n"
            + "1,0,2.3,0.1,,,0.01,0.1\n2,0,2.2,0.1,,,0.01,0.2\n3,0,2.1,0.2,2.0,0.2,0.01,0.3\n");
    Annotations.add(dir, new Note("loss", 1, 2.3, "first"));
    Annotations.add(dir, new Note("loss", 2, 2.2, "second"));
    return dir;
  }

  private static Process writer(List<String> prefix, Path run, int from, Path log)
      throws Exception {
    return writer(prefix, run, from, 1_000_000, log);
  }

  private static Process writer(List<String> prefix, Path run, int from, int count, Path log)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            java,
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CalloutWriter.class.getName(),
            run.toString(),
            Integer.toString(from),
            Integer.toString(count)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(new File(log.toString()))
        .start();
  }

  /** The callouts are the two first ones, then n0, n1, ... in order, none missing. */
  private static int checkWhole(Path run) {
    Annotations.Read read = Annotations.read(run);
    assertThat(read.problem()).isNull();
    List<String> texts = read.notes().stream().map(n -> n.text().split(" ")[0]).toList();
    assertThat(texts.subList(0, 2)).containsExactly("first", "second");
    for (int i = 2; i < texts.size(); i++) {
      assertThat(texts.get(i)).isEqualTo("n" + (i - 2));
    }
    return texts.size() - 2;
  }

  private static Map<String, String> othersOf(Path run) throws Exception {
    Map<String, String> files = FileSnapshot.of(run);
    files.keySet().removeIf(n -> n.startsWith("annotations") || n.startsWith(".annotations"));
    return files;
  }

  @Test
  void killsWhileCalloutsAreWrittenLoseNoEarlierCalloutAndNoOtherFile() throws Exception {
    Path store = tmp.resolve("store");
    Path run = run(store, "run-1");
    Map<String, String> others = othersOf(run);
    Random rng = new Random(16);
    int saved = 0;
    for (int kill = 0; kill < 4; kill++) {
      Path log = tmp.resolve("writer-" + kill + ".txt");
      Process p = writer(List.of(), run, saved, log);
      int before = saved;
      int wanted = 5 + rng.nextInt(40);
      assertThat(Processes.await(120, () -> Processes.lines(log) >= wanted))
          .as("the writer saves callouts")
          .isTrue();
      Thread.sleep(rng.nextInt(30));
      Processes.kill9(p);
      saved = checkWhole(run); // the next writer goes on from there
      assertThat(saved).as("kill " + kill).isGreaterThanOrEqualTo(before + wanted);
      assertThat(othersOf(run)).as("the run's other files").isEqualTo(others);
      assertThat(RunStore.load(run.getParent()))
          .singleElement()
          .satisfies(e -> assertThat(e.usable()).isTrue());
    }
    Annotations.add(run, new Note("loss", 3, 2.1, "after the kills"));
    try (var files = Files.list(run)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("a killed writer's temporary file is removed by the next one")
          .noneMatch(n -> n.startsWith(".annotations-"));
    }
  }

  @Test
  void twoProcessesAddingCalloutsToOneRunLoseNeithersCallouts() throws Exception {
    Path run = run(tmp.resolve("store"), "run-1");
    Process a = writer(List.of(), run, 0, 40, tmp.resolve("a.txt"));
    Process b = writer(List.of(), run, 1000, 40, tmp.resolve("b.txt"));
    assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue() + b.exitValue()).isZero();
    Annotations.Read read = Annotations.read(run);
    assertThat(read.problem()).isNull();
    assertThat(read.notes()).hasSize(2 + 80);
  }

  @Test
  void aDiskThatFillsUpStopsTheCalloutsInOneLineAndKeepsTheSavedOnes() throws Exception {
    List<String> unshare = FullDiskTest.mountNamespace();
    if (unshare.isEmpty()) {
      return; // AnnotationsTest fails a write as a full disk does at the write seam
    }
    Path mount = Files.createDirectories(tmp.resolve("small"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        String.join(
            "\n",
            "set -u",
            "mount -t tmpfs -o size=64k tmpfs '" + mount + "' || exit 90",
            "cp -r '" + tmp.resolve("store") + "/run-1' '" + mount + "/run-1' || exit 91",
            "md5sum '" + mount + "'/run-1/*.json '" + mount + "'/run-1/*.csv > '" + tmp + "/sums'",
            java
                + " -XX:TieredStopAtLevel=1 -cp \"$CP\" "
                + CalloutWriter.class.getName()
                + " '"
                + mount
                + "/run-1' 0 100000",
            "echo EXIT=$?",
            "grep -v annotations '" + tmp + "/sums' | md5sum -c --quiet && echo OTHERS-SAME",
            "ls -a '" + mount + "/run-1' | tr '\\n' ' '; echo",
            "cp '" + mount + "/run-1/annotations.json' '" + tmp + "/after.json'");
    run(tmp.resolve("store"), "run-1");
    List<String> cmd = new ArrayList<>(unshare);
    cmd.addAll(List.of("sh", "-c", script));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().put("CP", System.getProperty("java.class.path"));
    Process p = builder.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(out).contains("EXIT=1").contains("OTHERS-SAME");
    List<String> errors = out.lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors)
        .as(out)
        .singleElement()
        .asString()
        .startsWith("error: cannot write " + mount + "/run-1/annotations.json: ")
        .contains("No space left on device");
    long saved = out.lines().filter(l -> l.startsWith("saved ")).count();
    assertThat(saved).as(out).isGreaterThan(5);
    Path copy = Files.createDirectories(tmp.resolve("after"));
    Files.copy(tmp.resolve("after.json"), copy.resolve(Annotations.FILE));
    Annotations.Read read = Annotations.read(copy);
    assertThat(read.problem()).isNull();
    assertThat(read.notes()).hasSize(2 + (int) saved); // every callout said saved is there
    String listing = out.lines().filter(l -> l.contains("spec.json")).findFirst().orElse("");
    assertThat(listing).as("no temporary file left").doesNotContain(".annotations-");
  }
}
