package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.FileTrees;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.testing.Cli;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A generator of damage (truncation, garbage, a byte-order mark, CRLF, null JSON, missing files,
 * links to devices, FIFOs, folders in place of files) applied to one file of one run: the damaged
 * run harms only itself. {@code runs}, {@code compare} and {@code export --all} list it as damaged
 * (named, with the reason) or leave it out with a note, compare the others, never hang and never
 * print a stack trace; damage a reader can see through (BOM, CRLF) costs nothing.
 */
@Tag("fault")
class DamagedStoreTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Path goodStore;

  enum Damage {
    TRUNCATE,
    GARBAGE,
    BOM,
    CRLF,
    NULL_JSON,
    EMPTY_OBJECT,
    EMPTY,
    MISSING,
    LINK_TO_DEV_ZERO,
    DANGLING_LINK,
    FIFO,
    FOLDER;

    boolean harmless() {
      return this == BOM || this == CRLF;
    }
  }

  @BeforeAll
  static void trainThree() throws IOException {
    goodStore = shared.resolve("store");
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    for (String activation : List.of("elu", "relu", "tanh")) {
      TrainSpec spec =
          TinySpecs.builder()
              .activation(ActivationSpec.of(activation))
              .depth(2)
              .steps(12)
              .evalEvery(6)
              .metrics(
                  new MetricsSettings(
                      2, 4, 10, new ProbeSettings(6, 8, "empirical", "shared", 1e-3, 256)))
              .build();
      RunFolder.create(goodStore, spec)
          .train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 6);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String file : List.of("spec.json", "status.json", "meta.json")) {
      for (Damage d :
          List.of(
              Damage.TRUNCATE,
              Damage.GARBAGE,
              Damage.BOM,
              Damage.NULL_JSON,
              Damage.EMPTY_OBJECT,
              Damage.EMPTY,
              Damage.MISSING,
              Damage.LINK_TO_DEV_ZERO,
              Damage.FIFO,
              Damage.FOLDER)) {
        out.add(Arguments.of(file, d));
      }
    }
    for (String file : List.of("metrics.csv", "layers.csv", "histograms.csv")) {
      for (Damage d :
          List.of(
              Damage.TRUNCATE,
              Damage.GARBAGE,
              Damage.BOM,
              Damage.CRLF,
              Damage.EMPTY,
              Damage.MISSING,
              Damage.LINK_TO_DEV_ZERO,
              Damage.DANGLING_LINK,
              Damage.FIFO,
              Damage.FOLDER)) {
        out.add(Arguments.of(file, d));
      }
    }
    return out.stream();
  }

  /** Applies {@code damage} to {@code file} (which may not exist yet: meta.json). */
  static void damage(Path file, Damage damage, long seed) throws IOException {
    Random rng = new Random(seed);
    byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : "{}".getBytes();
    switch (damage) {
      case TRUNCATE ->
          Files.write(
              file, java.util.Arrays.copyOf(bytes, 1 + rng.nextInt(Math.max(1, bytes.length - 2))));
      case GARBAGE -> {
        byte[] junk = new byte[64 + rng.nextInt(512)];
        rng.nextBytes(junk);
        Files.write(file, junk);
      }
      case BOM -> {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] out = new byte[bytes.length + 3];
        System.arraycopy(bom, 0, out, 0, 3);
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        Files.write(file, out);
      }
      case CRLF ->
          Files.writeString(file, new String(bytes, StandardCharsets.UTF_8).replace("\n", "\r\n"));
      case NULL_JSON -> Files.writeString(file, "null");
      case EMPTY_OBJECT -> Files.writeString(file, "{}");
      case EMPTY -> Files.write(file, new byte[0]);
      case MISSING -> Files.deleteIfExists(file);
      case LINK_TO_DEV_ZERO -> {
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
      }
      case DANGLING_LINK -> {
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, file.resolveSibling("nowhere"));
      }
      case FIFO -> {
        Files.deleteIfExists(file);
        mkfifo(file);
      }
      case FOLDER -> {
        Files.deleteIfExists(file);
        Files.createDirectory(file);
      }
      default -> throw new IllegalArgumentException(damage.name());
    }
  }

  static void mkfifo(Path file) throws IOException {
    try {
      Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
      assertThat(p.waitFor()).isZero();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  /** A copy of the good store, with one of its runs to damage. */
  private Path store() throws IOException {
    Path store = tmp.resolve("store");
    try (Stream<Path> files = Files.walk(goodStore)) {
      for (Path p : files.toList()) {
        Path target = store.resolve(goodStore.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(".lock")) {
          Files.copy(p, target);
        }
      }
    }
    return store;
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void aDamagedFileHarmsOnlyItsOwnRun(String file, Damage damage) throws IOException {
    Path store = store();
    List<RunStore.Entry> runs = RunStore.load(store);
    RunStore.Entry victim = runs.get(damage.ordinal() % runs.size()); // first, middle or last
    damage(victim.dir().resolve(file), damage, file.hashCode() * 31L + damage.ordinal());
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          Cli.Result list = Cli.run(tmp, "runs", "--store", store.toString());
          assertThat(list.code()).as(list.err()).isZero();
          assertThat(list.hasNoStackTrace()).as(list.out() + list.err()).isTrue();
          String line =
              list.out()
                  .lines()
                  .filter(l -> l.startsWith(victim.id()))
                  .findFirst()
                  .orElseThrow(
                      () -> new AssertionError(victim.id() + " not listed:\n" + list.out()));
          runs.stream()
              .filter(e -> e != victim)
              .forEach(e -> assertThat(list.out()).contains(e.id()));
          assertThat(list.out().lines().filter(l -> l.contains(" damaged ")).count())
              .as(list.out())
              .isLessThanOrEqualTo(1);
          if (damage.harmless()) {
            assertThat(line).doesNotContain("damaged");
          }
          assertThat(RunStore.load(store))
              .filteredOn(e -> !e.id().equals(victim.id()))
              .allMatch(RunStore.Entry::usable);

          Cli.Result cmp =
              Cli.run(
                  tmp,
                  "compare",
                  "--store",
                  store.toString(),
                  "--group-by",
                  "activation",
                  "--out",
                  tmp.resolve("cmp.csv").toString());
          assertThat(cmp.code()).as(cmp.out() + cmp.err()).isZero();
          assertThat(cmp.hasNoStackTrace()).as(cmp.out() + cmp.err()).isTrue();
          assertThat(cmp.out()).contains("groups=");

          Cli.Result all =
              Cli.run(
                  tmp,
                  "export",
                  "--all",
                  "--store",
                  store.toString(),
                  "--group-by",
                  "activation",
                  "--out",
                  tmp.resolve("figs").toString());
          assertThat(all.code()).as(all.out() + all.err()).isZero();
          assertThat(all.hasNoStackTrace()).as(all.out() + all.err()).isTrue();
          String index = Files.readString(tmp.resolve("figs/index.md"));
          assertThat(index).as(index).doesNotContain("skipped");
        });
    FileTrees.delete(store);
  }
}
