package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while a run trains: the first failure is reported in one line that names the
 * file, the run is marked failed if that can still be written (else it shows as interrupted, never
 * as running), and no temporary file or folder is left behind.
 */
@Tag("fault")
class FullDiskTest {
  @TempDir Path tmp;

  /**
   * A real full file system: a 384 KB tmpfs mounted in a private mount namespace ({@code unshare
   * --mount}, as root or in a user namespace), the run trained there by a JVM of its own, and the
   * store read back in the same namespace. Where this machine allows neither, the simulated failure
   * below covers the same path.
   */
  @Test
  void aRunOnAFileSystemThatFillsUpFailsInOneLineAndLeavesNoTemporaries() throws Exception {
    List<String> unshare = mountNamespace();
    if (unshare.isEmpty()) {
      aFailingCheckpointWriteFailsTheRunInOneLineAndLeavesNoTemporaries();
      return;
    }
    Path mount = Files.createDirectories(tmp.resolve("small"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String actbench = java + " -Xmx1g -XX:TieredStopAtLevel=1 -cp \"$CP\" org.actbench.Launcher";
    String script =
        String.join(
            "\n",
            "set -u",
            "mount -t tmpfs -o size=384k tmpfs '" + mount + "' || exit 90",
            actbench
                + " train --depth 2 --width 4 --batch 16 --steps 400 --data sample"
                + " --probe-every 0 --checkpoint-every 1 --out '"
                + mount
                + "/store' 2>'"
                + mount
                + "/../err.txt' >/dev/null",
            "echo EXIT=$?",
            actbench + " runs --store '" + mount + "/store'",
            "echo LEFTOVERS: $(find '" + mount + "' -name '.tmp*' -o -name '*.tmp' | wc -l)");
    List<String> cmd = new ArrayList<>(unshare);
    cmd.addAll(List.of("sh", "-c", script));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().put("CP", System.getProperty("java.class.path"));
    builder.environment().put("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
    Process p = builder.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    String err = Files.readString(tmp.resolve("err.txt"));
    assertThat(out).as(out + err).contains("EXIT=1");
    List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors)
        .as(err)
        .singleElement()
        .asString()
        .contains("No space left on device")
        .contains("/store/");
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(out)
        .containsPattern("\\s(failed|interrupted)\\s")
        .doesNotContain(" running ")
        .doesNotContain(" damaged ")
        .contains("runs=1 usable=1")
        .contains("LEFTOVERS: 0");
  }

  /**
   * The failure without a small file system: {@code checkpoints} is a file, so no save succeeds.
   */
  @Test
  void aFailingCheckpointWriteFailsTheRunInOneLineAndLeavesNoTemporaries() throws Exception {
    Path store = tmp.resolve("simulated");
    TrainSpec spec = TinySpecs.builder().activation("elu").depth(2).steps(20).evalEvery(20).build();
    RunFolder folder = RunFolder.create(store, spec);
    Files.writeString(folder.dir().resolve("checkpoints"), "in the way");
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    Exception failure = null;
    try {
      folder.train(
          new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 5);
    } catch (Exception e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    assertThat(RunStore.load(store))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo("failed");
              assertThat(e.steps()).isEqualTo(5);
            });
    assertThat(Files.readString(folder.dir().resolve("status.json")))
        .contains("cannot write the checkpoint")
        .contains("exists and is not a folder");
    try (Stream<Path> files = Files.walk(store)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".tmp") || n.endsWith(".tmp"));
    }
    // what the command line says of the same failure: one line, naming the file
    Cli.Result resume = Cli.run(tmp, "train", "--resume", folder.dir().toString());
    assertThat(resume.errLines()).singleElement().asString().startsWith("error:");
  }

  /** {@code unshare --mount} as root, else in a user namespace; empty where neither works. */
  static List<String> mountNamespace() {
    for (List<String> cmd :
        List.of(
            List.of("unshare", "--mount", "--propagation", "private"),
            List.of(
                "unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"))) {
      try {
        List<String> probe = new ArrayList<>(cmd);
        probe.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"));
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return cmd;
        }
      } catch (Exception e) {
        // not available here
      }
    }
    return List.of();
  }
}
